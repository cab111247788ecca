// Package ledger provides the multi-asset token ledger of Copex: accounts by kind,
// exact int64 micro-token balances with grant lots and savings, the operating rules of
// MODEL §2 enforced on every transfer with typed errors, the conservation check, and a
// hash-chained journal that Audit can verify and rebuild balances from.
package ledger
