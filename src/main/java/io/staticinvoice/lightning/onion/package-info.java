/**
 * BOLT 4 onion messages and route blinding, pure Java, with LDK 0.2's extensions.
 *
 * <p>Entry points for the gateway and the server:
 * <ul>
 *   <li>{@link io.staticinvoice.lightning.onion.OnionPeeler#peel} — an incoming {@code onion_message}
 *       ({@code path_key}, packet bytes) becomes a {@link io.staticinvoice.lightning.onion.PeeledMessage.Forward}
 *       (next node id or channel, next path key, next packet) or a
 *       {@link io.staticinvoice.lightning.onion.PeeledMessage.Receive} (the {@code onionmsg_tlv} with its
 *       message and reply path, our decrypted {@link io.staticinvoice.lightning.onion.EncryptedData} carrying the
 *       {@code path_id} / LDK {@code context} we put in the path, and whether it was sealed with our
 *       {@link io.staticinvoice.lightning.onion.ReceiveAuthKey}). Our own dummy hops are peeled on the way.</li>
 *   <li>{@link io.staticinvoice.lightning.onion.OnionMessageBuilder#build} — a message TLV (type 64 and up) to a
 *       {@link io.staticinvoice.lightning.onion.BlindedMessagePath}, optionally through unblinded nodes and with a
 *       reply path; gives the first node id, the path key and the packet (1300 or 32768 bytes).</li>
 *   <li>{@link io.staticinvoice.lightning.onion.BlindedPathFactory#create} — paths to ourselves with up to ten
 *       dummy hops, every hop padded to one length, dummy and final hops sealed with our receive key.</li>
 * </ul>
 * Lower layers: {@link io.staticinvoice.lightning.onion.RouteBlinding} (path keys, blinded node ids, {@code rho}),
 * {@link io.staticinvoice.lightning.onion.RecipientDataCipher} (encrypted recipient data, LDK's authenticated tag),
 * {@link io.staticinvoice.lightning.onion.Sphinx} (packet construction and peeling).
 */
package io.staticinvoice.lightning.onion;
