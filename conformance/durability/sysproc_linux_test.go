package durability

import "syscall"

// sysProcAttr makes the kernel kill seqd when the test process dies, so that an interrupted
// test leaves no server behind.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
