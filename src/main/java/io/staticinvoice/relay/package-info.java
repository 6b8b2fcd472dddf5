/**
 * Where a message for another node goes (DESIGN.md, "relay/"): a peer connected to this replica,
 * a peer connected to another replica of this node ({@code NOTIFY}, presence in
 * {@code sis.peer_presence}), the durable mailbox ({@code sis.mailbox_message}, for nodes connected
 * nowhere), or, for forwarded invoice_requests, a short hold in memory. It also keeps the
 * configured peers' leases ({@code sis.peer_lease}), the nodes the mailbox knows
 * ({@code sis.known_peer}) and their addresses ({@code sis.peer_address}). It owns all SQL of those
 * tables; the gateway below it knows none of it.
 */
package io.staticinvoice.relay;
