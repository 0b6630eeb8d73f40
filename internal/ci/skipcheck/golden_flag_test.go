package main

// The golden package is linked for its -update flag (TestRun uses it).
import _ "github.com/amigosync/amigosync/internal/golden"
