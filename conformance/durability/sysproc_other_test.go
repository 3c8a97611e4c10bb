//go:build !linux

package durability

import "syscall"

func sysProcAttr() *syscall.SysProcAttr { return nil }
