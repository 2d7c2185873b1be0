/**
 * ipvsd's nf_tables client: keeps one table of family inet (default {@code inet ipvsd}) equal to
 * a {@link io.ipvsd.nft.NftRuleset}, over netlink, without the nft binary.
 *
 * <p>Use: {@link io.ipvsd.nft.NftClient#sync} (read, plan, one batch, retried when another writer
 * wins the race), or {@link io.ipvsd.nft.NftClient#read} + {@link io.ipvsd.nft.NftPlanner#plan}
 * (pure) + {@link io.ipvsd.nft.NftClient#apply} to show a plan before applying it;
 * {@link io.ipvsd.nft.NftClient#counters} for metrics.
 *
 * <p>How the table stays ipvsd's:
 * <ul>
 * <li>Every rule carries a comment {@code ipvsd <rule>/<family> <hash>}; the hash covers what the
 * rule does. Reading the table back sorts rules into wanted-as-they-are (kept, counters and
 * all), stale, and foreign; everything not wanted is deleted, missing rules are inserted at
 * their place, in one batch that the kernel applies atomically.</li>
 * <li>The table has no owner flag, so its rules keep working while the daemon is stopped; a
 * restarted daemon plans nothing for an unchanged table.</li>
 * <li>Each batch carries the generation the plan was read at; the kernel refuses it (ERESTART)
 * if anything changed since.</li>
 * <li>Only this table is read or written; other tables are never touched.</li>
 * </ul>
 *
 * <p>Kernel features used, newest first: masquerade and nat chains in inet tables (5.2), the
 * typed conntrack address keys of {@code ct original ip daddr} (4.17), NFNL_BATCH_GENID (4.11);
 * batches, rule userdata, sets, counters and the other expressions are older. Minimum kernel:
 * 5.2. Tested on 6.18 (host) and 6.1 (test VM, with IPVS).
 */
package io.ipvsd.nft;
