# Checks defineCases of options_test.go against a MariaDB server:
# python3 testdata/verify_define.py options_test.go PORT (needs a database named rec).
import re, subprocess, sys
PORT=int(sys.argv[2]) if len(sys.argv) > 2 else 3306
src=open(sys.argv[1]).read()
block=src[src.index('var defineCases'):src.index('func TestDefine(')]
cases=re.findall(r'\{"(create sequence \S+)(.*?)", (\d+), "(.*?)"\}', block)
def q(sql):
    p=subprocess.run(['mariadb','-h127.0.0.1','-P%d'%PORT,'-uroot','rec','-N','-B','-e',sql],capture_output=True,text=True)
    m=re.search(r'ERROR (\d+)',p.stderr)
    return 'ERROR '+m.group(1) if m else p.stdout.strip().replace('\t',' ')
bad=0
for head, opts, auto, want in cases:
    q('set global auto_increment_increment=%s'%(auto if auto!='0' else 1))
    got=q('create or replace sequence s'+opts)
    if not got.startswith('ERROR'):
        got=q('select * from s')
    if got!=want:
        bad+=1; print('MISMATCH', head+opts, 'got', got, 'want', want)
q('set global auto_increment_increment=1')
print('cases', len(cases), 'mismatches', bad)
