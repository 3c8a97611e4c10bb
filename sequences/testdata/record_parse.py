# Records testdata/parse_mariadb.jsonl from a MariaDB server: python3 testdata/record_parse.py testdata/parse_mariadb.jsonl PORT
import json, subprocess, sys, re
PORT=int(sys.argv[2]) if len(sys.argv) > 2 else 3306
def run(sql, mode, db='rec'):
    args=['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot',db,'--comments','-N','-B']
    if mode: args.append("--init-command=SET sql_mode='%s'"%mode)
    args += ['-e', sql]
    p=subprocess.run(args,capture_output=True)
    err=p.stderr.decode('utf-8')
    m=re.search(r'ERROR (\d+) \((\w+)\) at line \d+: (.*)', err, re.S)
    if not m: return 0, ''
    return int(m.group(1)), m.group(3).rstrip('\n')
subprocess.run(['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot','-e','drop database if exists rec; create database rec; use rec; create sequence s9; create table t (a int)'],check=True)
cases=[]
for line in open('testdata/parse_corpus.txt'):
    line=line.strip()
    if line: cases.append(('', json.loads(line)))
for line in open('testdata/parse_corpus_modes.txt'):
    mode, q = line.rstrip('\n').split('\t')
    cases.append((mode, json.loads(q)))
out=open(sys.argv[1],'w')
out.write('# Parse cases recorded from MariaDB 10.11.14-MariaDB-0+deb12u2 by sending each statement with\n')
out.write('# the mariadb client (--comments). code/msg are the parser\'s error (1064, 1102, 1103, 1221, 1225), or 0 when\n')
out.write('# MariaDB parsed the statement (it may then have failed to execute it).\n')
for mode, sql in cases:
    sql=sql.rstrip(' \t\n')  # the client trims trailing white space before sending
    code,msg=run(sql,mode)
    if code not in (1064,1102,1103,1221,1225): code,msg=0,''
    out.write(json.dumps({'mode':mode,'sql':sql,'code':code,'msg':msg}, ensure_ascii=False)+'\n')
