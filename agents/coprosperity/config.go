package coprosperity

import (
	"errors"

	"github.com/copex/copex/sim"
)

// Config is the coprosperity section of a scenario; its fields come with the subsystem.
type Config struct{}

// On reports whether the section switches the subsystem on.
func (c *Config) On() bool { return false }

// Validate checks the section; errors are *sim.FieldError with paths inside it.
func (c *Config) Validate() error { return nil }

// New builds the subsystem over host h (nil: only to list what it registers).
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	return nil, errors.New("coprosperity: not built yet")
}
