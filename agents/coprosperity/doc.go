// Package coprosperity is the subsystem of Co-prosperity IOU gifts (MODEL §6, seed 000): participants pledge hours as IOU tokens of their own, the DAO fund, project airdrops, redemption and reputation, exclusion, and exact obligation clearing (sim/clearing).
//
// It plugs into the economy through sim's seams: its scenario section (Config, the
// "coprosperity:" key) switches it on; New builds it over the economy (a sim.Host), and its
// Register adds one monthly phase (StageGovern, after the core's), its metric columns and
// a parameter. Switched off, it adds nothing. It acts only through the Host and the
// ledger, and imports no other subsystem.
//
// # Participants and IOUs
//
// Every member is a participant; members who join later are invited newcomers with a
// guarantor, an active member drawn at random. Participant j's IOU is an asset of its
// own, one unit an hour (kept in micro-hours, like tokens), or with unit value one
// unit a token's worth of its service at its price: its sector's monthly wage over
// 160 working hours, fixed when it joins (unit.go). Every amount below is then in that
// unit; an unfulfilled unit is made good with a micro-token. Each month every active
// participant pledges PledgeHours: Endowment of it (a quarter) goes to the DAO fund,
// and the rest is airdropped equally to every other active participant and every
// project still receiving.
//
// # Co-ops as participants
//
// With coops (on by default) the economy's co-ops are participants too (coops.go).
// The issue reads "the same members and co-ops hold IOUs", and the seed's projects and
// businesses "transfer the obligations of the business to the community": a
// co-operative economy in which only members gift would leave its firms, which hold
// most of its productive capacity, outside the gift; so co-ops take part unless a
// scenario says coops: false (which gives exactly the members-only runs of before).
// A co-op issues IOUs of its service in value units (a unit is a micro-token's worth
// of its offer; an hour of its service is worth a worker's output at its price,
// CoopPrice × CoopProductivity / 160, fixed when it joins: a co-op's hour is not a
// member's hour). It pledges CoopPledgeHrs an hour a worker (the member's rule, a
// quarter of its workers' time), can fulfil CapacityHrs a worker, receives airdrops,
// and needs Poisson(CoopNeeds) inputs a month, each CoopNeedHrs a worker of its
// supplier's hours, from a circle of suppliers in its sector's input sectors (drawn in
// proportion to the input-output coefficients): it redeems their IOUs as a member
// redeems its providers'. With member_coop_needs a member also needs co-ops'
// services (Poisson, of a co-op drawn at random) and meets them with its claims on the
// co-ops' pool (member_coop_access); at 0, the default, members' claims on co-ops'
// IOUs only accumulate, so that pooled almost all of a co-op's gift (all but its
// share to the other co-ops) reaches no one who needs it: coop_access falls from
// 0.37 at 10,000 members (coprosperity) to 0.13 at 100,000. It is rated, and
// excluded by 5 or more dissatisfied consumers (co-ops), like any issuer; it has no
// guarantor. Because an hour and a
// token's worth do not add without a price (and converting would round), co-ops' IOUs
// have a pool, claims (cclaim), books and a clearing network of their own: no claim,
// swap, chain or set-off trades a member's hour against a co-op's unit; the columns
// of co-ops' IOUs (coop_*) are in value units, the members' as before. A co-op that
// closes (the host's CoopAlive false) can fulfil nothing: at the next month's start
// its IOUs outstanding are written off — taken from their holders, from the DAO fund,
// and from the pool with the claims on the co-ops' pool cut by as much, each claim in
// proportion (exact to the unit: reduceClaims) — booked and counted
// (coop_iou_written_off, coop_participants_closed). A co-op's holdings of others' IOUs,
// like a departed member's, stay where they are.
//
// # The pooled representation, and the per-issuer reading (airdrop)
//
// N participants each giving to N-1 others would be N² holdings. Instead an airdrop is
// a claim on the pool: issuer j's airdropped IOUs sit in the pool (pool_j) and each
// recipient's share is added to its claim on the pool, in hours (claim_i). A holder
// materialises IOUs of a particular issuer only when it withdraws them (to redeem, to
// hold as property or to swap): withdrawing x of j costs x of its claim and takes x
// from pool_j. This is the reading of seed 000 in which the gift is "distributed
// strictly equally" in hours and each participant then takes the services it needs
// (the pool is first come, first served per issuer); the literal per-pair reading, in
// which every holder owns 1/(N-1) of every issuer's airdrop, would leave each pair a
// few thousandths of an hour at N=10,000, usable only through long swap chains.
//
// The seed is ambiguous between this and a per-issuer gift, and airdrop offers both:
// pooled (the default) as above, and per_issuer, in which each issuer's airdrop goes
// in equal parts to a fixed subset of AirdropTo participants drawn at random from its
// community (a co-op's: other co-ops), redrawn only when one leaves, and to the
// receiving projects (as claims, as pooled); with airdrop_subset consumers the
// subset is chosen instead: up to AirdropTo of the issuer's consumers (those with it
// among their providers), re-read every month, the places left drawn at random. The
// recipients' parts are materialised at
// once as their holdings (the holder's property, and obligations for clearing), so the
// holdings number at most AirdropTo an issuer, not N², and no member holds a claim on
// the pool. What it changes: claims concentrate (a member receives from the issuers
// that drew it, about Poisson(AirdropTo) of them: iou_claims_gini about 0.6 against
// 0.04 pooled at 1,200 members), members' access falls (their providers seldom drew
// them: 0.66 against 0.93, and 0.87 when they give to their consumers), co-ops' access rises (the co-ops' pool no longer feeds
// members who need no inputs: 0.60 against 0.45), and cycles of gifts give clearing
// much to set off (TestAirdropReadings).
//
// Each recipient's share is the airdrop divided by the number of recipients, rounded
// down; the remainder (fewer micro-hours than recipients) goes to the DAO fund with the
// endowment. Materialised holdings, (holder, issuer) -> amount, are in a hash table
// (held.go) whose size follows the holdings, not N². The books of every IOU asset
// balance to the unit, and are checked at the end of every month (an error stops the
// run):
//
//	issued_j = pool_j + dao_j + held_j + redeemed_j + compensated_j + cleared_j + writtenOff_j
//	sum_i claim_i (participants and projects) = sum_j pool_j (members' IOUs)
//	sum_i cclaim_i (participants and projects) = sum_j pool_j (co-ops' IOUs)
//
// where held_j is summed from the table itself. Every cumulative amount is bounded by
// maxTotal (a quarter of the largest int64): a pledge or project that would pass it
// stops the run with an error, so no sum of holdings overflows.
//
// # A month
//
// In a fixed order, with one random stream per month (sim.PurposeCoprosperity):
// newcomers join and leavers end; pledges; projects (stops, airdrops, new projects);
// needs: each participant needs Poisson(Needs) services of NeedHours from its circle of
// Circle providers (a share Reciprocity mutual) drawn from its community (founders in
// blocks of Neighbourhood by member number, newcomers in their guarantor's: services
// are local, and the obligation network is then many communities with short paths,
// which keeps clearing's cost per participant flat as the economy grows), uses that provider's IOUs it holds,
// withdraws more from the pool, swaps its claim on the pool hour for hour with a recent
// holder of the provider's IOUs, then, if still short, looks for a chain of IOU-for-IOU
// swaps (chains.go: k1 holds the provider's IOUs and wants y1's, k2 holds y1's and
// wants y2's, ..., i holds yL's; a breadth-first search over assets, shortest first,
// up to SwapDepth swaps, default 3), and redeems what it has; some withdraw
// IOUs of a provider to hold (Withdraw); the dissatisfied vote; clearing.
//
// Redemption: the issuer fulfils if it is active, has the hours left of CapacityHours
// this month, and its reliability draw succeeds; quality is uniform between its
// reliability and 1 (0 when unfulfilled). The public rating is a moving average of
// quality with weight RatingWeight. A fulfilled redemption destroys the IOUs; an
// unfulfilled one leaves them with the holder, and (Compensate) may be made good in
// exchange tokens at HourPrice an hour: the issuer pays what its balance allows, and
// for an invited newcomer the guarantor pays only the rest, as far as its balance goes
// (subsidiary liability); the IOUs made good, in proportion to what was paid, are
// destroyed.
//
// Exclusion: an active participant rated below ExcludeBelow is excluded when at least
// MinVoters (5 or more, the seed's least) distinct, still active, consumers it left
// dissatisfied (unfulfilled, or quality below the threshold) vote, counted among its
// last MinVoters dissatisfied consumers. It then neither pledges nor receives; its IOUs
// outstanding stay obligations.
//
// # The DAO fund and projects
//
// Every participant holds one unit of the DAO fund (equal shares). The fund holds the
// endowment of every IOU and DAOShare (a quarter) of every project's tokens. A new
// project (Poisson, ProjectsPerYear) is given a stake of DAOGrant of the fund's units:
// the fund's holdings passed on in proportion, every holder's share shrinking by the
// same factor. The fund also funds the new projects with its holdings: each month
// FundGrant (5%) of its holding of every asset — every issuer's IOUs, every older
// project's tokens — is granted to the projects started that month, shared in
// proportion to their teams' sizes (floors; the remainder stays with the fund). IOUs
// granted return to the pool as the project's claim on it; project tokens granted are
// the new project's holding of the older one's. Its team (TeamSize participants) keeps TeamKeep (at most half); the rest
// is airdropped over AirdropMonths (24 to 60) equally to the eligible participants, as
// claims on the project-token pool. A team that stops giving (StopRate a month) keeps
// what it had not given, and stops receiving: its project gets no more IOU airdrops
// and its members no more of any project's tokens. A project that gives for its whole
// period passes to the community.
//
// # Clearing
//
// Every month the held IOUs form the obligation network (an IOU of j held by i is j's
// obligation to i; the DAO fund is one more node) and sim/clearing sets them off
// multilaterally: the least gross total with every net position unchanged, an exact
// min-cost flow. What is set off is destroyed. With Liquidity the fund lends, mutual
// credit style: borrowers owe it (it holds new IOUs of theirs) and it owes depositors
// (they hold the fund's IOUs). Without liquidity, the communities share no
// obligation, so the network is cleared in 8 fixed groups of communities in parallel
// (on the host's pool; the groups do not depend on the number of workers, and the
// optimum of parts that share no participant is the whole's). The pool is not part of the network: a claim on the
// pool is a claim on no one in particular, and claims are in any case nearly symmetric
// (everyone has given to and received from everyone), so they would all but cancel.
// Obligations in co-ops' IOUs are a second network, cleared the same way but apart
// and without liquidity (a different unit); with --obligations its rounds are written
// as month-NNN-coops-before.csv and -after.csv. Pooled, co-ops' holdings run along the
// input-output chains, which have few cycles, so little of them clears; per issuer,
// the gifts themselves make cycles.
//
// # Measures
//
// The Sarafu measures (velocity: hours moved over hours outstanding, and the share
// static for 12 months) read the members' (and the fund's) IOUs' ages
// first-in-first-out over their whole stock (the books know amounts, not units);
// access is the share of the members' needs that month that were fulfilled, and
// coop_access the same of the co-ops' input needs. Members' and co-ops' columns are
// apart (cp_participants, iou_*, access, rating_*, exclusions, clearing_* are the
// members'; coop_* the co-ops').
package coprosperity
