// Command baseline is the idle figure's baseline (bench/cmd/idle): a Go
// program that does nothing but wait for SIGTERM, as the daemon does when
// nothing is due, so that the wake-ups of the Go runtime alone can be told
// from the daemon's.
//
//	baseline [-collect=false] [-tick D]
package main

import (
	"context"
	"flag"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

func main() {
	collect := flag.Bool("collect", true, "collect garbage once at the start")
	tick := flag.Duration("tick", 0, "also wake up this often on a timer, as the scheduler does (0: never)")
	flag.Parse()
	// The runtime forces a collection every two minutes only in a program
	// that has collected once. The daemon has (it parsed its plan), so the
	// baseline collects once too.
	if *collect {
		runtime.GC()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	for {
		var wake <-chan time.Time
		if *tick > 0 {
			wake = time.After(*tick)
		}
		select {
		case <-ctx.Done():
			return
		case <-wake:
		}
	}
}
