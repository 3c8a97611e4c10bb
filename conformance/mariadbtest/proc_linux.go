package mariadbtest

import "syscall"

// sysProcAttr makes the kernel kill mariadbd when the test process dies, so that an
// interrupted test does not leave servers behind.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
