package agents

// Bytes of state per member, per co-op and per order, as laid out by Economy and the
// ledger (struct of arrays), with room for growth and slice doubling.
const (
	memberBytes = 256
	coopBytes   = 4096
	fixedBytes  = 64 << 20
)

// EstimateMemory returns the bytes a model of this configuration needs at its start,
// so a run can refuse a scenario too large for the machine before allocating it.
func EstimateMemory(cfg Config) uint64 {
	members := uint64(max(cfg.Members, 0))
	if cfg.Model == "random_exchange" {
		return fixedBytes + members*64
	}
	sectors := uint64(len(cfg.Sectors))
	coops := uint64(max(cfg.Coops.Count, 0) + len(cfg.Founding))
	return fixedBytes + members*(memberBytes+8*sectors) + coops*(coopBytes+8*sectors)
}
