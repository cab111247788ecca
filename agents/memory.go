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
