#!/usr/bin/env python3
"""Writes the Jazzer seed corpora (src/test/resources/.../<Test>Inputs/<target>/) from the
published vectors (src/test/resources/vectors) and the LDK 0.2.5 captures (fixtures/ldk-0.2.5).
Run from the repository root; it only adds files named seed-*, so regression inputs that the
fuzzer found and that were committed by hand (crash-*) stay."""
import glob
import hashlib
import json
import os
import re
import struct

RES = 'src/test/resources'
RAW = RES + '/fixtures/ldk-0.2.5/raw/'
corpus = {}


def add(test, target, data):
    if isinstance(data, str):
        data = data.encode()
    corpus.setdefault((test, target), []).append(data)


def hexfile(path):
    return bytes.fromhex(open(path).read().strip())


def raw(pattern):
    return [hexfile(p) for p in sorted(glob.glob(RAW + pattern))]


def bigsize(n):
    if n < 0xfd:
        return bytes([n])
    if n <= 0xffff:
        return b'\xfd' + struct.pack('>H', n)
    if n <= 0xffffffff:
        return b'\xfe' + struct.pack('>I', n)
    return b'\xff' + struct.pack('>Q', n)


CODEC = 'io/staticinvoice/lightning/codec/CodecFuzzTest'
for v in json.load(open(RES + '/vectors/bolt01/bigsize-decoding.json')):
    add(CODEC, 'bigSize', bytes.fromhex(v['bytes']))
for payload in raw('*-tlv64.hex')[:2] + raw('*-tlv7554*.hex')[:4] + [hexfile(RAW + 'recipient-offer-bytes.hex')]:
    add(CODEC, 'tlvStream', payload)
add(CODEC, 'hex', open(RAW + 'payer-node-id.hex').read().strip())
add(CODEC, 'hex', 'ABCDEF0123')
add(CODEC, 'hex', 'abc')
offers = json.load(open(RES + '/vectors/bolt12/offers-test.json'))
strings = json.load(open(RES + '/vectors/bolt12/format-string-test.json'))
for v in strings:
    add(CODEC, 'bech32', v['string'])
add(CODEC, 'bech32', open(RES + '/fixtures/ldk-0.2.5/offer.txt').read().strip())

TRANSPORT = 'io/staticinvoice/lightning/transport/TransportFuzzTest'
md = open(RES + '/vectors/bolt08/transport-test-vectors.md').read()
acts = re.findall(r'(?:input|output): 0x([0-9a-f]+)', md)
for act in acts:
    b = bytes.fromhex(act)
    if len(b) == 50:
        add(TRANSPORT, 'actOne', b)
    if len(b) == 66:
        add(TRANSPORT, 'actThree', b)
for act in acts[:4]:
    add(TRANSPORT, 'frames', bytes.fromhex(act))
add(TRANSPORT, 'frames', bytes.fromhex('68656c6c6f'))

WIRE = 'io/staticinvoice/lightning/wire/WireFuzzTest'
bodies = raw('*-wire-*-onion_message-*.hex')
for body in bodies[:6]:
    add(WIRE, 'lightningMessage', struct.pack('>H', 513) + body)
    add(WIRE, 'onionMessageBody', body)
add(WIRE, 'lightningMessage', bytes.fromhex('0010000000020200'))        # init
add(WIRE, 'lightningMessage', bytes.fromhex('0012000400020000'))        # ping
add(WIRE, 'lightningMessage', bytes.fromhex('001300020000'))            # pong
add(WIRE, 'lightningMessage', bytes.fromhex('0011' + '00' * 32 + '000161'))  # error
add(WIRE, 'lightningMessage', bytes.fromhex('0001' + '00' * 32 + '000161'))  # warning
add(WIRE, 'networkAddress', bytes.fromhex('017f0000012607'))
add(WIRE, 'networkAddress', bytes.fromhex('02' + '00' * 15 + '012607'))
add(WIRE, 'networkAddress', bytes.fromhex('05096c6f63616c686f73742607'))

ASYNC = 'io/staticinvoice/lightning/asyncpay/AsyncPaymentsFuzzTest'
# AsyncPaymentsMessage.TYPES in enum order: held_htlc_available, release_held_htlc,
# offer_paths_request, offer_paths, serve_static_invoice, static_invoice_persisted
for index, tlv in [(0, 72), (2, 75540), (3, 75542), (4, 75544), (5, 75546)]:
    for value in raw('*-tlv%d.hex' % tlv)[:2]:
        add(ASYNC, 'message', bytes([index]) + value)
add(ASYNC, 'message', bytes([1, 0]))

ONION = 'io/staticinvoice/lightning/onion/OnionFuzzTest'
for body in raw('server-*-wire-in-onion_message-*.hex'):
    add(ONION, 'peel', body)
for body in bodies[:4]:
    add(ONION, 'packet', body[35:])
for v in json.load(open(RES + '/vectors/bolt04/blinded-onion-message-onion-test.json')).get('generate', {}).get('hops', []):
    for key in ('tlvs', 'encrypted_data_tlv'):
        if isinstance(v.get(key), str):
            add(ONION, 'payload', bytes.fromhex(v[key]))
for value in raw('*-tlv64.hex')[:1]:
    add(ONION, 'payload', bigsize(64) + bigsize(len(value)) + value)
add(ONION, 'payload', bytes.fromhex('0408' + '00' * 8))
add(ONION, 'blindedPaths', hexfile(RES + '/fixtures/ldk-0.2.5/server-paths.hex'))
for path in raw('server-persisted-request-path-*.hex'):
    add(ONION, 'blindedPaths', path)

OFFERS = 'io/staticinvoice/lightning/offers/OffersFuzzTest'
add(OFFERS, 'offer', hexfile(RAW + 'recipient-offer-bytes.hex'))
for v in offers[:20]:
    add(OFFERS, 'offer', v['bolt12'])
for value in raw('*-tlv64.hex')[:3]:
    add(OFFERS, 'invoiceRequest', value)
for value in raw('*-tlv70.hex')[:2] + [hexfile(RES + '/fixtures/ldk-0.2.5/static-invoice-persisted-by-server.hex')]:
    add(OFFERS, 'staticInvoice', value)

PATHS = 'io/staticinvoice/server/PathContextCodecFuzzTest'
add(PATHS, 'open', bytes.fromhex('01' + '00' + '0003' + '0000000069000000' + 'aa' * 32))
add(PATHS, 'open', bytes.fromhex('01' + '01' + '0000' + '0000000000000000' + 'bb'))

ADMIN = 'io/staticinvoice/admin/AdminJsonFuzzTest'
for body in ['{}', '{"label": "alice phone", "maxSlots": 4}',
             '{"recipientId": "00ff", "pathsRelativeExpirySeconds": 86400}',
             '{"maxSlots": 8, "requestRate": {"burst": 20, "refillMillis": 250}}',
             '{"reason": "wallet reported lost"}', '{"label": "a\\u0000b"}']:
    add(ADMIN, 'requestBodies', body)

for (test, target), inputs in corpus.items():
    directory = os.path.join(RES, test + 'Inputs', target)
    os.makedirs(directory, exist_ok=True)
    for data in inputs:
        name = 'seed-' + hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(directory, name), 'wb') as out:
            out.write(data)
    print(directory, len(inputs))
