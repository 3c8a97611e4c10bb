# Records testdata/show_mariadb.jsonl from a MariaDB server started with
# --default-storage-engine=MyISAM: python3 testdata/record_show.py OUT PORT
import json, subprocess, sys
PORT=int(sys.argv[2]) if len(sys.argv) > 2 else 3306
MODES=['', 'ORACLE', 'ANSI', 'ANSI_QUOTES', 'NO_TABLE_OPTIONS', 'POSTGRESQL', 'MSSQL']
def q(sql, mode=''):
    args=['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot','rec','--raw','-N','-B']
    if mode: args.append("--init-command=SET sql_mode='%s'"%mode)
    p=subprocess.run(args+['-e',sql],capture_output=True)
    if p.stderr: raise SystemExit(p.stderr.decode())
    return p.stdout.decode('utf-8').rstrip('\n').split('\t',1)[1]
out=open(sys.argv[1],'w')
out.write('# SHOW CREATE output recorded from MariaDB 10.11.14-MariaDB-0+deb12u2 (default engine MyISAM).\n')
for line in open('testdata/show_corpus.txt'):
    line=line.strip()
    if not line: continue
    sql=json.loads(line)
    name=sql.split('sequence ',1)[1].split(' ')[0]
    ident=name
    for mode in MODES:
        # a temporary sequence lives in one connection, so create it in the same one
        pre=sql+'; ' if 'temporary' in sql else ''
        if not pre:
            subprocess.run(['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot','rec','-e','drop table if exists %s; %s'%(ident, sql)],check=True)
        seq=q(pre+'show create sequence '+ident, mode)
        tbl=q(pre+'show create table '+ident, mode)
        out.write(json.dumps({'sql':sql,'mode':mode,'sequence':seq,'table':tbl}, ensure_ascii=False)+'\n')
