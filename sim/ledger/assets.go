package ledger

// Assets other than the exchange token (IOU tokens, project tokens, achievement tokens)
// are few per account, so they are held sparsely, keyed by (asset, account).

func key(asset AssetID, a AccountID) uint64 { return uint64(asset)<<32 | uint64(uint32(a)) }

// NewAsset registers a new asset and returns its ID.
func (l *Ledger) NewAsset(name string) AssetID {
	l.assets = append(l.assets, name)
	l.supply = append(l.supply, supply{})
	id := AssetID(len(l.assets) - 1)
	if l.journal != nil {
		l.journal.asset(l.tick, id, name)
	}
	return id
}

// Assets returns the number of assets, the exchange token included.
func (l *Ledger) Assets() int { return len(l.assets) }

// AssetName returns the name an asset was registered with.
func (l *Ledger) AssetName(asset AssetID) string { return l.assets[asset] }

// BalanceOf returns what the account holds of an asset.
func (l *Ledger) BalanceOf(asset AssetID, a AccountID) Amount {
	if asset == Token {
		return l.Holdings(a)
	}
	return l.sparse[key(asset, a)]
}

// IssueAsset creates amount of a non-token asset in account to.
func (l *Ledger) IssueAsset(asset AssetID, to AccountID, amount Amount, kind TxKind, ref int64) error {
	if asset == Token {
		return l.Issue(to, amount, 0, kind, ref)
	}
	if amount <= 0 {
		return ErrBadAmount
	}
	if err := l.checkPayee(to); err != nil {
		return err
	}
	if amount > MaxSupply-l.supply[asset].issued {
		return ErrSupplyLimit
	}
	l.sparse[key(asset, to)] += amount
	l.supply[asset].issued += amount
	if l.journal != nil {
		l.journal.entry(l.tick, OpIssue, asset, NoAccount, to, amount, kind, ref)
	}
	return nil
}

// TransferAsset moves amount of an asset between accounts under the operating rules.
func (l *Ledger) TransferAsset(asset AssetID, payer, payee AccountID, amount Amount, kind TxKind, ref int64) error {
	if asset == Token {
		return l.Transfer(payer, payee, amount, kind, ref)
	}
	// Rules 1-3 are checked on the token path; funds are checked on the asset.
	if err := l.checkRules(payer, payee, amount, kind); err != nil {
		return err
	}
	kp := key(asset, payer)
	if l.sparse[kp] < amount {
		l.insufficient++
		return ErrInsufficientFunds
	}
	if l.sparse[kp] -= amount; l.sparse[kp] == 0 {
		delete(l.sparse, kp)
	}
	l.sparse[key(asset, payee)] += amount
	if l.journal != nil {
		l.journal.entry(l.tick, OpTransfer, asset, payer, payee, amount, kind, ref)
	}
	return nil
}

// BurnAsset destroys amount of an asset held by a.
func (l *Ledger) BurnAsset(asset AssetID, a AccountID, amount Amount, ref int64) error {
	if asset == Token {
		return l.Burn(a, amount, ref)
	}
	if amount <= 0 {
		return ErrBadAmount
	}
	k := key(asset, a)
	if l.sparse[k] < amount {
		l.insufficient++
		return ErrInsufficientFunds
	}
	if l.sparse[k] -= amount; l.sparse[k] == 0 {
		delete(l.sparse, k)
	}
	l.supply[asset].burned += amount
	if l.journal != nil {
		l.journal.entry(l.tick, OpBurn, asset, a, NoAccount, amount, TxOther, ref)
	}
	return nil
}
