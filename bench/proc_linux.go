package main

import "syscall"

// sysProcAttr makes the kernel kill seqd when the driver dies, so an interrupted run does not
// leave a server behind (conformance/mariadbtest does the same for MariaDB).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
