package agents

// Bytes of state per member, per member and sector, and per co-op, as laid out by
// Economy and the ledger (struct of arrays with room for 50% growth), with the
// garbage collector's headroom. Measured: economy-1m peaks at about 430 MiB resident
// (copex bench), which this estimates at about 510 MiB.
const (
	memberBytes    = 320
	memberSector   = 16
	coopBytes      = 4096
	fixedBytes     = 64 << 20
	exchangeMember = 64
)

// EstimateMemory returns the bytes a model of this configuration needs at its start,
// so a run can refuse a scenario too large for the machine before allocating it.
func EstimateMemory(cfg Config) uint64 {
	members := uint64(max(cfg.Members, 0))
	if cfg.Model == "random_exchange" {
		return fixedBytes + members*exchangeMember
	}
	sectors := uint64(len(cfg.Sectors))
	coops := uint64(max(cfg.Coops.Count, 0) + len(cfg.Founding))
	return fixedBytes + members*(memberBytes+memberSector*sectors) + coops*(coopBytes+8*sectors)
}

// MemoryInUse estimates the bytes the economy holds now, by the same measure as
// EstimateMemory, from the members and co-ops it has grown to (sim.Sizer): a run
// compares it with its memory budget after every tick.
func (e *Economy) MemoryInUse() uint64 {
	sectors := uint64(len(e.sectors))
	return fixedBytes + uint64(len(e.m.acct))*(memberBytes+memberSector*sectors) + uint64(len(e.c.acct))*(coopBytes+8*sectors)
}
