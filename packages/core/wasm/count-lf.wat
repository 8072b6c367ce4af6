;; Counts LF bytes in memory[ptr, ptr+len) with 128-bit SIMD: each lane of $acc counts up to 255
;; matches before the lanes are summed, then a scalar loop takes the tail.
;; `pnpm run build` assembles it into src/count-lf-wasm.ts (scripts/build-wasm.mjs).
(module
  (memory (export "memory") 1)
  (func (export "count_lf") (param $ptr i32) (param $len i32) (result i32)
    (local $end i32) (local $vend i32) (local $total i32) (local $k i32)
    (local $acc v128) (local $nl v128) (local $s v128)
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (local.set $vend (i32.add (local.get $ptr) (i32.and (local.get $len) (i32.const -64))))
    (local.set $nl (i8x16.splat (i32.const 10)))
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $ptr) (local.get $vend)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $k (i32.const 63))
        (block $inner_done
          (loop $inner
            (br_if $inner_done (i32.ge_u (local.get $ptr) (local.get $vend)))
            (br_if $inner_done (i32.eqz (local.get $k)))
            (local.set $acc (i8x16.sub (local.get $acc) (i8x16.eq (v128.load offset=0 (local.get $ptr)) (local.get $nl))))
            (local.set $acc (i8x16.sub (local.get $acc) (i8x16.eq (v128.load offset=16 (local.get $ptr)) (local.get $nl))))
            (local.set $acc (i8x16.sub (local.get $acc) (i8x16.eq (v128.load offset=32 (local.get $ptr)) (local.get $nl))))
            (local.set $acc (i8x16.sub (local.get $acc) (i8x16.eq (v128.load offset=48 (local.get $ptr)) (local.get $nl))))
            (local.set $ptr (i32.add (local.get $ptr) (i32.const 64)))
            (local.set $k (i32.sub (local.get $k) (i32.const 1)))
            (br $inner)))
        (local.set $s (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $acc))))
        (local.set $total
          (i32.add (local.get $total)
            (i32.add
              (i32.add (i32x4.extract_lane 0 (local.get $s)) (i32x4.extract_lane 1 (local.get $s)))
              (i32.add (i32x4.extract_lane 2 (local.get $s)) (i32x4.extract_lane 3 (local.get $s))))))
        (br $outer)))
    (block $tail_done
      (loop $tail
        (br_if $tail_done (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $total (i32.add (local.get $total) (i32.eq (i32.load8_u (local.get $ptr)) (i32.const 10))))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $tail)))
    (local.get $total)))
