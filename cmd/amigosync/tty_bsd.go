//go:build darwin || freebsd || netbsd || openbsd || dragonfly

package main

import "syscall"

// getTermios is the ioctl that reads a terminal's settings: it succeeds
// only on a terminal (not on /dev/null, which is a character device too).
const getTermios = syscall.TIOCGETA
