#!/usr/bin/env sysbench
-- seqbench.lua: sysbench 1.0.x workload for sequence / protocol micro-benchmarks.
-- Copied from the project's shared sysbench harness (../shared/bench/seqbench.lua).
--
-- One event == one statement (one client round trip), so sysbench's
-- "transactions/s" is statements/s and its latency stats are per statement.
--
-- Scenarios (--scenario):
--   select1     SELECT 1                                         (protocol floor)
--   nextval     SELECT NEXT VALUE FOR <seq>                      (1 value / stmt)
--   batch       SELECT NEXTVAL(<seq>) FROM seq_1_to_<batch>      (<batch> values / stmt)
--   range       SELECT NEXT <batch> VALUES FROM <seq>             (<batch> values / stmt; seqd, Vitess)
--   insert      INSERT INTO <table> (c) VALUES (<n>)             (autocommit; id from
--               the table's DEFAULT NEXT VALUE FOR <seq> or AUTO_INCREMENT)
--
-- Verification (--verify_dir=DIR): every value handed to this connection is
-- written to DIR/t<tid>.txt at thread end, and the thread prints
-- "VERIFY tid=.. values=.. nonmono=.." where nonmono counts values that were
-- not strictly greater than the previous value seen by the same connection.
-- The driver (run.sh) then checks global uniqueness. For nextval/batch the
-- values are the fetched rows; for insert the generated id is read back
-- after each INSERT with --idquery (e.g. "SELECT LAST_INSERT_ID()" or
-- "SELECT PREVIOUS VALUE FOR s"), which adds one round trip per event, so
-- verification runs are never the measured runs.
--
-- Example:
--   sysbench seqbench.lua --mysql-host=127.0.0.1 --mysql-port=3410 \
--     --mysql-user=root --mysql-db=seqbench --scenario=nextval --seq=s_cache \
--     --threads=16 --time=10 --percentile=99 --histogram=on run

sysbench.cmdline.options = {
   scenario   = {"select1 | nextval | batch | range | insert", "select1"},
   seq        = {"sequence name (nextval, batch)", "s_cache"},
   batch      = {"values per statement for scenario=batch (uses seq_1_to_N)", 100},
   table      = {"target table for scenario=insert", "t_seq"},
   verify_dir = {"if set, dump handed-out values here for a uniqueness check", ""},
   idquery    = {"scenario=insert with verify_dir: query returning the id just generated", "SELECT LAST_INSERT_ID()"},
}

local sql
local fetch = false
local vals, nvals, last, nonmono

function thread_init()
   drv = sysbench.sql.driver()
   con = drv:connect()
   local o = sysbench.opt
   if o.scenario == "select1" then
      sql = "SELECT 1"
   elseif o.scenario == "nextval" then
      sql = "SELECT NEXT VALUE FOR " .. o.seq
   elseif o.scenario == "batch" then
      sql = string.format("SELECT NEXTVAL(%s) FROM seq_1_to_%d", o.seq, o.batch)
   elseif o.scenario == "range" then
      -- one round trip allocates <batch> contiguous values (Vitess syntax); one row back
      sql = string.format("SELECT NEXT %d VALUES FROM %s", o.batch, o.seq)
   elseif o.scenario == "insert" then
      sql = "INSERT INTO " .. o.table .. " (c) VALUES (%d)"
   else
      error("unknown --scenario=" .. tostring(o.scenario))
   end
   fetch = (o.verify_dir ~= "" and o.scenario ~= "select1")
   vals, nvals, last, nonmono = {}, 0, -1, 0
   counter = 0
end

local function record(v)
   local n = tonumber(v)
   if n <= last then nonmono = nonmono + 1 end
   last = n
   nvals = nvals + 1
   vals[nvals] = v
end

function event()
   if sysbench.opt.scenario == "insert" then
      counter = counter + 1
      con:query(string.format(sql, counter))
      if fetch then
         local rs = con:query(sysbench.opt.idquery)
         record(rs:fetch_row()[1])
      end
      return
   end
   local rs = con:query(sql)
   if fetch then
      for i = 1, rs.nrows do
         record(rs:fetch_row()[1])
      end
   end
end

function thread_done()
   if fetch then
      local f = assert(io.open(string.format("%s/t%d.txt", sysbench.opt.verify_dir, sysbench.tid), "w"))
      -- write in chunks to keep it cheap
      local chunk = 10000
      for i = 1, nvals, chunk do
         local j = math.min(i + chunk - 1, nvals)
         f:write(table.concat(vals, "\n", i, j), "\n")
      end
      f:close()
      print(string.format("VERIFY tid=%d values=%d nonmono=%d", sysbench.tid, nvals, nonmono))
   end
   con:disconnect()
end
