;; A conservative pre-filter over UTF-8 bytes: 0 when no secret can be in memory[ptr, ptr+len),
;; 1 when the matcher must look; else bit 2 when a base64-encoded one may be there, bit 4 when one
;; written in pieces may be (then the caller runs the exact gates: see may_hold_secret). At every place where the matcher anchors, it tests a condition
;; that every match there needs, so it may say 1 for nothing but never 0 for a secret:
;; - a padding (=, %3D, \u003D) after 43 bytes of base64 or of its escapes ([A-Za-z0-9+/%\])
;;   of which the last is a character a legacy key can end with, and not after a 44th plain
;;   base64 character (unless an escape could be involved);
;; - two paddings after 86 bytes of that class: with a % or \ in the 100 bytes before, the last
;;   one a legacy key's last character or the 1 or 7 that ends an escaped A Q g w; otherwise
;;   exactly 86 plain base64 characters ending in A Q g w, with a service signature at
;;   characters 77-80 (+ASt, ACDb) or after = and whitespace or quotes, or after an escape
;;   that may decode to them (AccountKey=…, not sha512-… or "contentHash": "…");
;; - a padding after ClientSecret (any case) and blanks;
;; - JQQJ9, the signature of an identifiable key.
;; A 16-byte SIMD step skips blocks without =, %, \ or J, narrows the rest to likely anchors
;; (looking at the bytes around them), and checks each of those with scalar loads. Helpers are
;; written inline in the step: V8 does not inline WebAssembly calls.
;; The step reads up to 16 bytes past the input (the caller leaves room for them) and two bytes
;; before it (table memory then: any byte there only adds hits).
;; Memory: tables below 1024, input from 1024 on.
;; `pnpm run build` assembles it into src/prefilter-wasm.ts (scripts/build-wasm.mjs).
(module
  (memory (export "memory") 1)
  ;; 0..127: base64 characters and the bytes of their escapes (128..255 stay zero)
  (data (i32.const 0)
    "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\00\00\00\00\00\01\00\00\00\01\01\01\01\01\01\01\01\01\01\01\00\00\00\00\00\00"
    "\00\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\00\01\00\00\00\00\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\01\00\00\00\00\00")
  ;; 256..383: the characters a legacy key can end with (the 2 low bits of their value are 0),
  ;; with bit 2 set on those a 64-byte key can end with (A Q g w: the 4 low bits are 0)
  (data (i32.const 256)
    "\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00\01\00\00\00\01\00\00\00\01\00\00\00\00\00\00\00"
    "\00\03\00\00\00\01\00\00\00\01\00\00\00\01\00\00\00\03\00\00\00\01\00\00\00\01\00\00\00\00\00\00\00\00\00\01\00\00\00\03\00\00\00\01\00\00\00\01\00\00\00\01\00\00\00\03\00\00\00\00\00\00\00\00")
  (data (i32.const 512) "clientsecret")

  (func $in_base64 (param $at i32) (result i32)
    (i32.load8_u (i32.load8_u (local.get $at))))

  ;; Could a legacy key end just before the padding at $i?
  (func $legacy_run (param $start i32) (param $i i32) (result i32)
    (local $k i32) (local $stop i32)
    (if (i32.lt_u (i32.sub (local.get $i) (local.get $start)) (i32.const 43)) (then (return (i32.const 0))))
    (if (i32.eqz (i32.load8_u offset=256 (i32.load8_u (i32.sub (local.get $i) (i32.const 1)))))
      (then (return (i32.const 0))))
    ;; the 42 bytes before that last one, nearest first (where a miss usually is)
    (local.set $k (i32.sub (local.get $i) (i32.const 2)))
    (local.set $stop (i32.sub (local.get $i) (i32.const 43)))
    (block $ok
      (loop $run
        (if (i32.eqz (call $in_base64 (local.get $k))) (then (return (i32.const 0))))
        (br_if $ok (i32.le_u (local.get $k) (local.get $stop)))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $run)))
    ;; A plain base64 character just before those 43 makes the run too long for a key (base64
    ;; blobs, integrity hashes). That holds only if no escape (%XX, \uXXXX, \/) can end inside
    ;; the run or at that character, i.e. no % or \ in the 49 bytes before the padding.
    (if (i32.lt_u (i32.sub (local.get $i) (local.get $start)) (i32.const 44)) (then (return (i32.const 1))))
    (if (i32.eqz (call $plain_base64 (i32.load8_u (i32.sub (local.get $i) (i32.const 44))))) (then (return (i32.const 1))))
    (local.set $k (i32.sub (local.get $i) (i32.const 49)))
    (if (i32.lt_u (local.get $k) (local.get $start)) (then (local.set $k (local.get $start))))
    (block $no_escape
      (loop $scan
        (br_if $no_escape (i32.ge_u (local.get $k) (local.get $i)))
        (if (i32.or
              (i32.eq (i32.load8_u (local.get $k)) (i32.const 37))
              (i32.eq (i32.load8_u (local.get $k)) (i32.const 92)))
          (then (return (i32.const 1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $scan)))
    (i32.const 0))

  ;; Could a 64-byte key (86 characters, then two paddings) end just before the padding at $i,
  ;; $width bytes long? The matcher reports one only with a service signature or as a connection
  ;; string's AccountKey, so in plain text those are tested too: other 86-character runs before
  ;; == are hashes and blobs (sha512-…==, "contentHash": "…=="). Lock files hold thousands of
  ;; those, so the loads that rule them out come first and the run is read last.
  (func $key64_run (param $start i32) (param $end i32) (param $i i32) (param $width i32) (result i32)
    (local $k i32) (local $stop i32) (local $c i32) (local $last i32) (local $ends i32) (local $v v128) (local $seen v128)
    ;; the second padding, right after this one
    (if (i32.eqz (call $padding_at (local.get $end) (i32.add (local.get $i) (local.get $width))))
      (then (return (i32.const 0))))
    (if (i32.lt_u (i32.sub (local.get $i) (local.get $start)) (i32.const 86)) (then (return (i32.const 0))))
    (local.set $last (i32.load8_u (i32.sub (local.get $i) (i32.const 1))))
    (local.set $ends (i32.load8_u offset=256 (local.get $last)))
    ;; In plain text a key is 86 characters exactly, the last one a 64-byte key's (A Q g w), with
    ;; a service signature at characters 77-80 (+ASt Storage, ACDb Cosmos DB) or after = and
    ;; what the matcher trims from a property's value. Then only the run is left to read.
    (block $plain_key
      (block $not_plain
        (br_if $not_plain (i32.eqz (i32.and (local.get $ends) (i32.const 2))))
        (if (i32.gt_u (i32.sub (local.get $i) (local.get $start)) (i32.const 86))
          (then (br_if $not_plain (call $plain_base64 (i32.load8_u (i32.sub (local.get $i) (i32.const 87)))))))
        (local.set $c (i32.load (i32.sub (local.get $i) (i32.const 10))))
        (br_if $plain_key (i32.or (i32.eq (local.get $c) (i32.const 0x7453412b)) (i32.eq (local.get $c) (i32.const 0x62444341))))
        ;; = then any whitespace (9..13, space; from 128 on, maybe a Unicode space) or quotes:
        ;; each stretch of it is read once, as it ends where a run starts
        (local.set $k (i32.sub (local.get $i) (i32.const 86)))
        (block $skipped
          (loop $skip
            (br_if $not_plain (i32.le_u (local.get $k) (local.get $start)))
            (local.set $c (i32.load8_u (i32.sub (local.get $k) (i32.const 1))))
            (br_if $plain_key (i32.eq (local.get $c) (i32.const 61)))
            (br_if $skipped (i32.eqz
              (i32.or
                (i32.or (i32.le_u (i32.sub (local.get $c) (i32.const 9)) (i32.const 4)) (i32.ge_u (local.get $c) (i32.const 128)))
                (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 39)))))))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $skip)))
        ;; An escape ending there (%3D, %20, \u003D) may decode to = or whitespace: a % or \ in
        ;; the 5 bytes before. Within the 100 bytes before the padding, the scan below sees it.
        (local.set $stop (i32.sub (local.get $k) (i32.const 6)))
        (if (i32.lt_u (local.get $stop) (local.get $start)) (then (local.set $stop (local.get $start))))
        (br_if $not_plain (i32.ge_u (local.get $stop) (i32.sub (local.get $i) (i32.const 100))))
        (block $none
          (loop $near
            (br_if $none (i32.ge_u (local.get $stop) (i32.sub (local.get $k) (i32.const 1))))
            (local.set $c (i32.load8_u (local.get $stop)))
            (br_if $plain_key (i32.or (i32.eq (local.get $c) (i32.const 37)) (i32.eq (local.get $c) (i32.const 92))))
            (local.set $stop (i32.add (local.get $stop) (i32.const 1)))
            (br $near))))
      ;; Not so in plain text; but an escape (%XX, \uXXXX, \/) near the run can lengthen it in
      ;; bytes, end it early or write what is before it (AccountKey%3D): with a % or \ in the
      ;; 100 bytes before the padding the matcher must look. Its last character may then be an
      ;; escape's too (%41, \u0077: A Q g w end in 1 or 7).
      (if (i32.eqz (local.get $ends))
        (then
          (if (i32.and (i32.ne (local.get $last) (i32.const 49)) (i32.ne (local.get $last) (i32.const 55)))
            (then (return (i32.const 0))))))
      ;; 16 bytes at a time (at least 86 are there), the last block ending at the padding
      (local.set $k (i32.sub (local.get $i) (i32.const 100)))
      (if (i32.lt_u (local.get $k) (local.get $start)) (then (local.set $k (local.get $start))))
      (local.set $stop (i32.sub (local.get $i) (i32.const 16)))
      (block $scanned
        (loop $scan
          (br_if $scanned (i32.ge_u (local.get $k) (local.get $stop)))
          (local.set $v (v128.load (local.get $k)))
          (local.set $seen (v128.or (local.get $seen)
            (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 37))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br $scan)))
      (local.set $v (v128.load (local.get $stop)))
      (local.set $seen (v128.or (local.get $seen)
        (v128.or (i8x16.eq (local.get $v) (i8x16.splat (i32.const 37))) (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92))))))
      (if (i32.eqz (v128.any_true (local.get $seen))) (then (return (i32.const 0)))))
    ;; the 85 bytes before the last one, of base64 or its escapes, nearest first
    (local.set $k (i32.sub (local.get $i) (i32.const 2)))
    (local.set $stop (i32.sub (local.get $i) (i32.const 86)))
    (block $ok
      (loop $run
        (if (i32.eqz (call $in_base64 (local.get $k))) (then (return (i32.const 0))))
        (br_if $ok (i32.le_u (local.get $k) (local.get $stop)))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $run)))
    (i32.const 1))

  ;; [A-Za-z0-9+/]: a base64 character written as itself.
  (func $plain_base64 (param $c i32) (result i32)
    (i32.and
      (i32.load8_u (local.get $c))
      (i32.and (i32.ne (local.get $c) (i32.const 37)) (i32.ne (local.get $c) (i32.const 92)))))

  ;; Is ClientSecret (any case), then blanks, written just before $i?
  (func $client_secret_before (param $start i32) (param $i i32) (result i32)
    (local $j i32) (local $c i32) (local $k i32)
    (local.set $j (local.get $i))
    (block $blanks_done
      (loop $blanks
        (br_if $blanks_done (i32.le_u (local.get $j) (local.get $start)))
        (local.set $c (i32.load8_u (i32.sub (local.get $j) (i32.const 1))))
        (br_if $blanks_done (i32.and (i32.ne (local.get $c) (i32.const 32)) (i32.ne (local.get $c) (i32.const 9))))
        (local.set $j (i32.sub (local.get $j) (i32.const 1)))
        (br $blanks)))
    (if (i32.lt_u (i32.sub (local.get $j) (local.get $start)) (i32.const 12)) (then (return (i32.const 0))))
    (local.set $j (i32.sub (local.get $j) (i32.const 12)))
    (block $same
      (loop $letters
        ;; | 32 lower-cases a letter, and only a letter of that name gives that letter
        (if (i32.ne
              (i32.or (i32.load8_u (i32.add (local.get $j) (local.get $k))) (i32.const 32))
              (i32.load8_u offset=512 (local.get $k)))
          (then (return (i32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br_if $letters (i32.lt_u (local.get $k) (i32.const 12)))))
    (i32.const 1))

  ;; The padding at $i is $width bytes long.
  (func $before_padding (param $start i32) (param $end i32) (param $i i32) (param $width i32) (result i32)
    (local $c i32)
    (if (call $legacy_run (local.get $start) (local.get $i)) (then (return (i32.const 1))))
    ;; A 64-byte key ends with two paddings: the byte after this one must start another (=, %
    ;; or \; past the input it only adds a call).
    (local.set $c (i32.load8_u (i32.add (local.get $i) (local.get $width))))
    (if (i32.or (i32.eq (local.get $c) (i32.const 61)) (i32.or (i32.eq (local.get $c) (i32.const 37)) (i32.eq (local.get $c) (i32.const 92))))
      (then
        (if (call $key64_run (local.get $start) (local.get $end) (local.get $i) (local.get $width)) (then (return (i32.const 1))))))
    (call $client_secret_before (local.get $start) (local.get $i)))

  ;; The width of the padding (=, %3D, \u003D) at $i, or 0.
  (func $padding_at (param $end i32) (param $i i32) (result i32)
    (local $c i32)
    (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0))))
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 61)) (then (return (i32.const 1))))
    ;; %3D
    (if (i32.eq (local.get $c) (i32.const 37))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load8_u offset=1 (local.get $i)) (i32.const 51)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=2 (local.get $i)) (i32.const 32)) (i32.const 100)) (then (return (i32.const 0))))
        (return (i32.const 3))))
    ;; \u003D
    (if (i32.eq (local.get $c) (i32.const 92))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 5)) (local.get $end)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=1 (local.get $i)) (i32.const 32)) (i32.const 117)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load16_u offset=2 (local.get $i)) (i32.const 0x3030)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load8_u offset=4 (local.get $i)) (i32.const 51)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=5 (local.get $i)) (i32.const 32)) (i32.const 100)) (then (return (i32.const 0))))
        (return (i32.const 6))))
    (i32.const 0))

  ;; The byte at $i is =, %, \ or J: could a match be anchored here?
  (func $anchor (param $start i32) (param $end i32) (param $i i32) (result i32)
    (local $c i32)
    (local.set $c (i32.load8_u (local.get $i)))
    (if (i32.eq (local.get $c) (i32.const 61))
      (then (return (call $before_padding (local.get $start) (local.get $end) (local.get $i) (i32.const 1)))))
    ;; %3D
    (if (i32.eq (local.get $c) (i32.const 37))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 2)) (local.get $end)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load8_u offset=1 (local.get $i)) (i32.const 51)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=2 (local.get $i)) (i32.const 32)) (i32.const 100)) (then (return (i32.const 0))))
        (return (call $before_padding (local.get $start) (local.get $end) (local.get $i) (i32.const 3)))))
    ;; \u003D
    (if (i32.eq (local.get $c) (i32.const 92))
      (then
        (if (i32.ge_u (i32.add (local.get $i) (i32.const 5)) (local.get $end)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=1 (local.get $i)) (i32.const 32)) (i32.const 117)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load16_u offset=2 (local.get $i)) (i32.const 0x3030)) (then (return (i32.const 0))))
        (if (i32.ne (i32.load8_u offset=4 (local.get $i)) (i32.const 51)) (then (return (i32.const 0))))
        (if (i32.ne (i32.or (i32.load8_u offset=5 (local.get $i)) (i32.const 32)) (i32.const 100)) (then (return (i32.const 0))))
        (return (call $before_padding (local.get $start) (local.get $end) (local.get $i) (i32.const 6)))))
    ;; JQQJ9 (J is the only byte left)
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 4)) (local.get $end)) (then (return (i32.const 0))))
    (i32.eq (i32.load offset=1 (local.get $i)) (i32.const 0x394a5151)))

  ;; Is $c a quote or a line break (where a piece of a key written in pieces ends)?
  (func $piece_end (param $c i32) (result i32)
    (i32.or
      (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 39)))
      (i32.or (i32.eq (local.get $c) (i32.const 96)) (i32.or (i32.eq (local.get $c) (i32.const 10)) (i32.eq (local.get $c) (i32.const 13))))))

  ;; The = at $eq: could it pad a key's last piece (piece-gate.ts, hasPaddedPiece without the test
  ;; of the join before the piece)? The = must follow a key character (and come before = or no
  ;; base64 character, or the input's end) or a piece's end; key characters before it, at most
  ;; 86, must start after a quote or a line break.
  (func $padded_piece (param $start i32) (param $end i32) (param $eq i32) (result i32)
    (local $before i32) (local $k i32)
    (if (i32.le_u (local.get $eq) (local.get $start)) (then (return (i32.const 0))))
    (local.set $before (i32.load8_u (i32.sub (local.get $eq) (i32.const 1))))
    (if (i32.eqz (call $piece_end (local.get $before)))
      (then
        (if (i32.eqz (i32.load8_u (local.get $before))) (then (return (i32.const 0))))
        (if (i32.lt_u (i32.add (local.get $eq) (i32.const 1)) (local.get $end))
          (then
            (if (i32.and
                  (i32.ne (i32.load8_u offset=1 (local.get $eq)) (i32.const 61))
                  (call $plain_base64 (i32.load8_u offset=1 (local.get $eq))))
              (then (return (i32.const 0))))))))
    (local.set $k (local.get $eq))
    (block $walked
      (loop $walk
        (br_if $walked (i32.le_u (local.get $k) (local.get $start)))
        (br_if $walked (i32.ge_u (i32.sub (local.get $eq) (local.get $k)) (i32.const 86)))
        (br_if $walked (i32.eqz (i32.load8_u (i32.load8_u (i32.sub (local.get $k) (i32.const 1))))))
        (local.set $k (i32.sub (local.get $k) (i32.const 1)))
        (br $walk)))
    (if (i32.le_u (local.get $k) (local.get $start)) (then (return (i32.const 0))))
    (call $piece_end (i32.load8_u (i32.sub (local.get $k) (i32.const 1)))))

  ;; 1 when a match may be anchored in memory[ptr, ptr+len); else 2 when the input may hold one
  ;; of the base64 needles (base64-runs.ts: ENCODED_NEEDLES, which prefilter-base64.ts then looks
  ;; for exactly), 0 when neither. Each of the 36 needles holds one of a few byte pairs: a lane
  ;; whose byte and the next one fall in the same class of each pair is a possible needle. A
  ;; class is a bit of four lookups (byte by low and high nibble, next byte by low and high
  ;; nibble), so each bit admits a product of nibble sets that holds some of those pairs (Xk Yz
  ;; Vj jZ jY Nv Nj ZW WV Tk jM Uz lY Vn qW Zk GV qY zV JM ZM Uk Yk UW Ym Vm Nh zY, one per
  ;; needle, chosen rare in C and JavaScript by scripts/prefilter-pairs.mjs, which prints these
  ;; tables: run it when the needles change), plus others. test/prefilter.test.ts plants every
  ;; needle at every offset of a block.
  ;; Bit 4: a secret written in pieces may be there (piece-gate.ts, bytesMayHoldPieces: each of its
  ;; hits is a J before Q, a quote or a line break, or an = that $padded_piece passes).
  (func (export "may_hold_secret") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32) (local $p i32) (local $mask i32) (local $i i32) (local $flags i32) (local $pieces i32)
    (local $v v128) (local $v1 v128) (local $prev v128) (local $prev2 v128)
    (local $lo v128) (local $hi v128) (local $first v128) (local $first_before v128)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (local.set $p (local.get $ptr))
    (block $done
      (loop $step
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load (local.get $p)))
        ;; a possible base64 needle: once seen, the rest of the input is only read for anchors. The
        ;; first byte's classes, a lane later, meet the second byte's (lane 0 meets the previous
        ;; block's last byte; none before the input).
        (local.set $lo (v128.and (local.get $v) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
        (if (i32.eqz (i32.and (local.get $flags) (i32.const 2)))
          (then
            (local.set $hi (i8x16.shr_u (local.get $v) (i32.const 4)))
            (local.set $first
              (v128.and
                (i8x16.swizzle
                  (v128.const i8x16 0x00 0x02 0x00 0x00 0x80 0xa0 0x84 0x10 0x04 0x84 0xab 0x00 0x01 0x00 0x40 0x00)
                  (local.get $lo))
                (i8x16.swizzle
                  (v128.const i8x16 0x00 0x00 0x00 0x00 0x58 0xbc 0x09 0x02 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x00)
                  (local.get $hi))))
            (if (v128.any_true
                  (v128.and
                    (i8x16.shuffle 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 (local.get $first_before) (local.get $first))
                    (v128.and
                      (i8x16.swizzle
                        (v128.const i8x16 0x00 0x00 0x00 0x00 0x00 0x00 0x52 0x22 0x40 0x03 0xc1 0x84 0x00 0x0c 0x04 0x00)
                        (local.get $lo))
                      (i8x16.swizzle
                        (v128.const i8x16 0x00 0x00 0x00 0x00 0x08 0x33 0xc4 0xc0 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x00)
                        (local.get $hi)))))
              (then (local.set $flags (i32.or (local.get $flags) (i32.const 2)))))
            (local.set $first_before (local.get $first))))
        ;; Fast path: none of the 16 bytes is =, %, \ or J (their low nibbles differ, so one
        ;; lookup by low nibble tells them; unused entries hold a byte of another low nibble).
        (if (i32.eqz
              (v128.any_true
                (i8x16.eq
                  (local.get $v)
                  (i8x16.swizzle
                    (v128.const i8x16 0x11 0x12 0x13 0x14 0x15 0x25 0x17 0x18 0x19 0x1a 0x4a 0x1c 0x5c 0x3d 0x1f 0x10)
                    (local.get $lo)))))
          (then
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (br $step)))
        (local.set $v1 (v128.load offset=1 (local.get $p)))
        ;; The two bytes before each lane (before the input: table bytes, which only add hits).
        (local.set $prev (v128.load (i32.sub (local.get $p) (i32.const 1))))
        (local.set $prev2 (v128.load (i32.sub (local.get $p) (i32.const 2))))
        ;; A piece may end here: J before Q, a quote or a line break; = after a key character or a
        ;; piece's end (two lookups, by low and by high nibble: a bit per high nibble, set for
        ;; the low nibbles of [A-Za-z0-9+/%\] and of " ' ` \n \r in it), then checked with scalar loads.
        (if (i32.eqz (i32.and (local.get $flags) (i32.const 4)))
          (then
            (local.set $pieces
              (i8x16.bitmask
                (v128.or
                  (v128.and
                    (i8x16.eq (local.get $v) (i8x16.splat (i32.const 61)))
                    (v128.not
                      (i8x16.eq
                        (v128.and
                          (i8x16.swizzle
                            (v128.const i8x16 0x3a 0x3e 0x3f 0x3e 0x3e 0x3f 0x3e 0x3f 0x3e 0x3e 0x7c 0x15 0x1c 0x54 0x14 0x15)
                            (v128.and (local.get $prev) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
                          (i8x16.swizzle
                            (v128.const i8x16 0x40 0x00 0x01 0x02 0x04 0x08 0x10 0x20 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x00)
                            (i8x16.shr_u (local.get $prev) (i32.const 4))))
                        (v128.const i64x2 0 0))))
                  (v128.and
                    (i8x16.eq (local.get $v) (i8x16.splat (i32.const 74)))
                    (v128.or
                      (v128.or
                        (v128.or (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 81))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 34))))
                        (v128.or (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 39))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 96)))))
                      (v128.or (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 10))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 13)))))))))
            (block $pieces_done
              (loop $piece
                (br_if $pieces_done (i32.eqz (local.get $pieces)))
                (local.set $i (i32.add (local.get $p) (i32.ctz (local.get $pieces))))
                (br_if $pieces_done (i32.ge_u (local.get $i) (local.get $end)))
                (if (i32.or
                      (i32.eq (i32.load8_u (local.get $i)) (i32.const 74))
                      (call $padded_piece (local.get $ptr) (local.get $end) (local.get $i)))
                  (then
                    (local.set $flags (i32.or (local.get $flags) (i32.const 4)))
                    (br $pieces_done)))
                (local.set $pieces (i32.and (local.get $pieces) (i32.sub (local.get $pieces) (i32.const 1))))
                (br $piece)))))
        ;; = after a key's last character, t or T, or after blanks (then ClientSecret may be
        ;; further back: "x = 1" is ruled out here, "x  = 1" is left to the scalar check);
        ;; %3; \u or \U; JQ
        (local.set $mask
          (i8x16.bitmask
            (v128.or
              (v128.or
                (v128.and
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 61)))
                  (v128.or
                    ;; the byte before is a key's last character, t or T: two lookups, by low
                    ;; and by high nibble, give class bits that meet only for those bytes
                    (v128.not
                      (i8x16.eq
                        (v128.and
                          (i8x16.swizzle
                            (v128.const i8x16 0x01 0x02 0x00 0x60 0x11 0x02 0x00 0x60 0x01 0x02 0x00 0x20 0x00 0x08 0x00 0x20)
                            (v128.and (local.get $prev) (v128.const i8x16 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15 15)))
                          (i8x16.swizzle
                            (v128.const i8x16 0x00 0x00 0x00 0x01 0x0a 0x12 0x20 0x50 0x00 0x00 0x00 0x00 0x00 0x00 0x00 0x00)
                            (i8x16.shr_u (local.get $prev) (i32.const 4))))
                        (v128.const i64x2 0 0)))
                    (v128.and
                      (v128.or (i8x16.eq (local.get $prev) (i8x16.splat (i32.const 32))) (i8x16.eq (local.get $prev) (i8x16.splat (i32.const 9))))
                      (v128.or
                        (v128.or (i8x16.eq (local.get $prev2) (i8x16.splat (i32.const 32))) (i8x16.eq (local.get $prev2) (i8x16.splat (i32.const 9))))
                        (i8x16.eq (v128.or (local.get $prev2) (i8x16.splat (i32.const 32))) (i8x16.splat (i32.const 116)))))))
                (v128.and
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 37)))
                  (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 51)))))
              (v128.or
                (v128.and
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 92)))
                  (i8x16.eq (v128.or (local.get $v1) (i8x16.splat (i32.const 32))) (i8x16.splat (i32.const 117))))
                (v128.and
                  (i8x16.eq (local.get $v) (i8x16.splat (i32.const 74)))
                  (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 81))))))))
        (block $hits_done
          (loop $hit
            (br_if $hits_done (i32.eqz (local.get $mask)))
            (local.set $i (i32.add (local.get $p) (i32.ctz (local.get $mask))))
            (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
            (if (call $anchor (local.get $ptr) (local.get $end) (local.get $i)) (then (return (i32.const 1))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $hit)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $step)))
    (local.get $flags)))
