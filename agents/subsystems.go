package agents

import (
	"errors"

	"github.com/copex/copex/agents/coprosperity"
	"github.com/copex/copex/agents/councils"
	"github.com/copex/copex/agents/dao"
	"github.com/copex/copex/agents/firms"
	"github.com/copex/copex/agents/horizon"
	"github.com/copex/copex/agents/tradable"
	"github.com/copex/copex/sim"
)

// The subsystems a scenario can switch on, each a package of its own with its section
// of the configuration. A section that is on is built over the economy (the sim.Host)
// when the economy is, and registers its phases, columns and parameters after the
// economy's own (so within a stage its phases run after the core's); one that is off
// adds nothing. Adding a subsystem is a line here and a field in Config.

type section struct {
	name     string
	on       func(*Config) bool
	validate func(*Config) error
	build    func(*Config, sim.Host) (sim.Subsystem, error)
}

var sections = []section{
	{"coprosperity", func(c *Config) bool { return c.Coprosperity.On() }, func(c *Config) error { return c.Coprosperity.Validate() },
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return coprosperity.New(c.Coprosperity, h) }},
	{"dao", func(c *Config) bool { return c.DAO.On() }, func(c *Config) error { return c.DAO.Validate() },
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return dao.New(c.DAO, h) }},
	{"councils", func(c *Config) bool { return c.Councils.On() }, func(c *Config) error { return c.Councils.Validate() },
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return councils.New(c.Councils, h) }},
	{"horizon", func(c *Config) bool { return c.Horizon.On() }, func(c *Config) error {
		return c.Horizon.Validate(len(c.Sectors), func(i int) (string, map[string]float64) { return c.Sectors[i].Name, c.Sectors[i].Inputs })
	},
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return horizon.New(c.Horizon, h) }},
	{"firms", func(c *Config) bool { return c.Firms.On() }, func(c *Config) error { return c.Firms.Validate() },
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return firms.New(c.Firms, h) }},
	{"tradable", func(c *Config) bool { return c.Tradable.On() }, func(c *Config) error { return c.Tradable.Validate() },
		func(c *Config, h sim.Host) (sim.Subsystem, error) { return tradable.New(c.Tradable, h) }},
}

// validateSubsystems checks each section that is on, with its name before the paths of
// its errors.
func validateSubsystems(c *Config) error {
	if c.Councils.On() && c.Horizon.On() {
		// The plan sets the spending shares every round, so a demand shift would be
		// undone by the next plan (or the plan's consumption by the shift).
		return fieldErr("horizon.enabled", "cannot be on with councils: the councils' plan sets the spending shares a demand shift moves")
	}
	for _, s := range sections {
		if !s.on(c) {
			continue
		}
		if err := s.validate(c); err != nil {
			return sectionErr(s.name, err)
		}
	}
	return nil
}

func sectionErr(name string, err error) error {
	if fe, ok := errors.AsType[*sim.FieldError](err); ok {
		return fieldErr(name+"."+fe.Path, "%s", fe.Msg)
	}
	return fieldErr(name, "%v", err)
}

// buildSubsystems builds the sections that are on over host h (nil: for listing).
func buildSubsystems(c *Config, h sim.Host) ([]sim.Subsystem, error) {
	var subs []sim.Subsystem
	for _, s := range sections {
		if !s.on(c) {
			continue
		}
		sub, err := s.build(c, h)
		if err != nil {
			return nil, sectionErr(s.name, err)
		}
		subs = append(subs, sub)
	}
	return subs, nil
}

// Subsystem returns the subsystem the section named name built (coprosperity, dao,
// councils, horizon, firms, tradable), or nil when the scenario did not switch it on:
// for a caller outside the economy (GetGo) that acts on one (horizon's SetMonitor).
func (e *Economy) Subsystem(name string) sim.Subsystem {
	k := 0
	for _, s := range sections {
		if !s.on(&e.cfg) {
			continue
		}
		if s.name == name {
			return e.subs[k]
		}
		k++
	}
	return nil
}

// UseDir hands a folder named on the command line (sim.DirUser) to the subsystems; it
// reports whether one of them writes such files.
func (e *Economy) UseDir(name, dir string) bool {
	used := false
	for _, s := range e.subs {
		if u, ok := s.(sim.DirUser); ok && u.UseDir(name, dir) {
			used = true
		}
	}
	return used
}

// WriteOutputs writes the files of the subsystems that have their own (sim.OutputWriter)
// into dir and returns their names.
func (e *Economy) WriteOutputs(dir string) ([]string, error) {
	var files []string
	for _, s := range e.subs {
		if w, ok := s.(sim.OutputWriter); ok {
			f, err := w.WriteOutputs(dir)
			if err != nil {
				return nil, err
			}
			files = append(files, f...)
		}
	}
	return files, nil
}
