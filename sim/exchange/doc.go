// Package exchange provides the Co-operative Exchange Platform (MODEL §4): offers,
// matching weighted by price, reputation and distance, pro-rata rationing of orders,
// the unmet-wants list, the transport levy, price adjustment and the price index.
package exchange
