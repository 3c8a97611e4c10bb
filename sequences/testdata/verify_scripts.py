# Checks the scripts of sequence_test.go against a MariaDB server: python3 testdata/verify_scripts.py sequence_test.go PORT
# (needs a database named rec and the SEQUENCE engine's seq_1_to_N tables; nextn runs n NEXTVALs,
# refused batches and saves are skipped, crash is FLUSH TABLES).
import re, subprocess, sys
PORT=int(sys.argv[2]) if len(sys.argv) > 2 else 3306
src=open(sys.argv[1]).read()
cases=re.findall(r'\{"([^"]+)", `(.*?)`\}', src, re.S)
def q(sql):
    p=subprocess.run(['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot','rec','-N','-B','-e',sql],capture_output=True,text=True)
    m=re.search(r'ERROR (\d+)',p.stderr)
    if m: return 'ERROR '+m.group(1)
    return p.stdout.strip().replace('\t',' ')
bad=0
for name, script in cases:
    q("set global auto_increment_increment=1, auto_increment_offset=1")
    for line in script.split('\n'):
        line=line.strip()
        if not line: continue
        if '#' in line and not line.startswith('create'): line=line[:line.index('#')].strip()
        cmd,_,want=line.partition('=>'); cmd=cmd.strip(); want=want.strip()
        verb,_,arg=cmd.partition(' ')
        sql=None
        if verb=='create':
            m=re.match(r'create (temporary )?sequence \S+(.*)$',cmd)
            sql='create or replace %ssequence s%s'%(m.group(1) or '', m.group(2))
        elif verb=='next': sql='select nextval(s)'
        elif verb=='setval':
            f=arg.split(); sql='select setval(s,%s)'%','.join(f)
        elif verb=='alter': sql='alter sequence s '+arg
        elif verb=='insert': sql='insert into s values (%s)'%arg
        elif verb in ('flush','crash'): sql='flush tables'
        elif verb=='auto':
            a,b=arg.split(); sql='set global auto_increment_increment=%s, auto_increment_offset=%s'%(a,b)
        elif verb=='nextn':
            # seqd's batch: n NEXTVALs in MariaDB; a refused batch takes nothing, so skip it.
            if want.startswith('ERROR'): continue
            vals=q('select nextval(s) from seq_1_to_%s' % arg).split()
            got=vals[0]+' '+(str(int(vals[1])-int(vals[0])) if len(vals)>1 else want.split()[1])
            if got!=want:
                bad+=1; print('MISMATCH', name, '|', cmd, '=> got', repr(got), 'want', want)
            continue
        elif verb=='row': sql='select next_not_cached_value, cycle_count from s'
        elif verb=='table': sql='select * from s'
        else: continue
        got=q(sql)
        if verb in ('create','alter','insert') and got=='' : got='ok'
        if want and got!=want:
            bad+=1; print('MISMATCH', name, '|', cmd, '=> got', repr(got), 'want', want)
q("set global auto_increment_increment=1, auto_increment_offset=1")
print('cases', len(cases), 'mismatches', bad)
