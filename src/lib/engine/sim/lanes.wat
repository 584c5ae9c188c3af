;; Four bankroll paths at once, one per 32-bit SIMD lane (the engine's hot loops; see lanes.ts).
;;
;; Each lane runs its path's own xoshiro128** stream, so lane l draws exactly the numbers the scalar engine
;; draws for that path, in the same order; the arithmetic is the scalar code's, operation for operation, in
;; IEEE doubles, so the results are bit-identical. Here: seeding, the Ziggurat (its tail and wedges with
;; the imported Math.exp and Math.log), uniforms, bootstrap indices, Student-t with its Gamma rejections,
;; the walk with its checkpoints, whole groups with their events, and the fan chart's count and gather
;; passes. lanes.ts does the rest (clamps, withdrawals, drain, and the events of those runs) from the
;; state these functions leave in memory. Compiled to lanes.wasm.ts by scripts/build-sim-wasm.js; a test
;; checks the two agree.
;;
;; Memory (byte offsets; vectors hold lanes 0-3, f64 arrays are step-major: step k of lane l at k*4+l):
;;    0 STATE  xoshiro s0, s1, s2, s3 of the four lanes (i32x4 each)
;; 1024 KN     Ziggurat accept table, i32[512]       3072 WN    Ziggurat widths, f64[512]
;; 7168 REJN   rejected draws per lane, i32[4]
;; 7200 B, 7232 PEAK, 7264 MDD, 7296 MARK (f64[4] each), 7328 ALIVE (i64[4]: all ones, or 0 once ruined)
;; 8192 REJU   rejected 32-bit draws, i32[4][256]    12288 REJK  their steps, i32[4][256]
;; 16384 BUF   step results f64[256*4]; 24576 Z, 32768 X, 40960 U: Student-t scratch, f64[256*4] each
;; 7364 ROWS, 7368 MINS, 7372 MAXS, 7384 CPS (i32 addresses of the group's checkpoint rows f64[4][NC], the
;;             chunk's per-checkpoint min and max f64[NC] and the checkpoint steps i32[NC], set by lanes.ts
;;             past STEPS), 7376 NC, 7380 CG: the group's next checkpoint; 7392 TGT, 7408 RUIN (i32[4])
;; 131072 STEPS bootstrap step results, f64[len] (memory grown by lanes.ts)
(module
  (import "m" "exp" (func $exp (param f64) (result f64)))
  (import "m" "log" (func $log (param f64) (result f64)))
  (memory (export "memory") 3)

  ;; One lane's xoshiro128** state while its rare draws are finished (see $finish).
  (global $x0 (mut i32) (i32.const 0))
  (global $x1 (mut i32) (i32.const 0))
  (global $x2 (mut i32) (i32.const 0))
  (global $x3 (mut i32) (i32.const 0))

  ;; xoshiro128** on $x0..$x3, as Xoshiro128.nextU32.
  (func $next (result i32)
    (local $r i32) (local $t i32)
    (local.set $r (i32.mul (i32.rotl (i32.mul (global.get $x1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
    (local.set $t (i32.shl (global.get $x1) (i32.const 9)))
    (global.set $x2 (i32.xor (global.get $x2) (global.get $x0)))
    (global.set $x3 (i32.xor (global.get $x3) (global.get $x1)))
    (global.set $x1 (i32.xor (global.get $x1) (global.get $x2)))
    (global.set $x0 (i32.xor (global.get $x0) (global.get $x3)))
    (global.set $x2 (i32.xor (global.get $x2) (local.get $t)))
    (global.set $x3 (i32.rotl (global.get $x3) (i32.const 11)))
    (local.get $r))

  ;; A uniform double in (0, 1), as Xoshiro128.nextDouble.
  (func $nextDouble (result f64)
    (local $a i32)
    (local.set $a (i32.shr_u (call $next) (i32.const 5)))
    (f64.mul (f64.add (f64.add
      (f64.mul (f64.convert_i32_u (local.get $a)) (f64.const 67108864))
      (f64.convert_i32_u (i32.shr_u (call $next) (i32.const 6)))) (f64.const 0.5))
      (f64.const 0x1p-53)))

  ;; The Ziggurat's slow path for a rejected 32-bit draw u, as distributions.ts's normalSlow: the wedge
  ;; test, the tail beyond R, fresh draws until one is accepted (FN at 81920, f64[256]).
  (func $normalSlow (param $u i32) (result f64)
    (local $i i32) (local $j i32) (local $x f64) (local $y f64) (local $neg i32)
    (loop $again
      (local.set $i (i32.and (local.get $u) (i32.const 255)))
      (local.set $j (i32.shr_u (local.get $u) (i32.const 9)))
      (local.set $neg (i32.and (local.get $u) (i32.const 256)))
      (if (i32.lt_s (local.get $j) (i32.load offset=1024 (i32.shl (local.get $i) (i32.const 2))))
        (then
          (local.set $x (f64.mul (f64.convert_i32_s (local.get $j)) (f64.load offset=3072 (i32.shl (local.get $i) (i32.const 3)))))
          (return (select (f64.neg (local.get $x)) (local.get $x) (local.get $neg)))))
      (if (i32.eqz (local.get $i))
        (then
          ;; tail beyond R = 3.6541528853610088 by Marsaglia's exponential rejection
          (loop $tail
            (local.set $x (f64.div (f64.neg (call $log (call $nextDouble))) (f64.const 3.6541528853610088)))
            (local.set $y (f64.neg (call $log (call $nextDouble))))
            (br_if $tail (f64.lt (f64.add (local.get $y) (local.get $y)) (f64.mul (local.get $x) (local.get $x)))))
          (local.set $x (f64.add (f64.const 3.6541528853610088) (local.get $x)))
          (return (select (f64.neg (local.get $x)) (local.get $x) (local.get $neg)))))
      (local.set $x (f64.mul (f64.convert_i32_s (local.get $j)) (f64.load offset=3072 (i32.shl (local.get $i) (i32.const 3)))))
      (if (f64.lt
            (f64.add (f64.load offset=81920 (i32.shl (local.get $i) (i32.const 3)))
              (f64.mul (call $nextDouble)
                (f64.sub (f64.load offset=81912 (i32.shl (local.get $i) (i32.const 3)))
                  (f64.load offset=81920 (i32.shl (local.get $i) (i32.const 3))))))
            (call $exp (f64.mul (f64.mul (f64.const -0.5) (local.get $x)) (local.get $x))))
        (then (return (select (f64.neg (local.get $x)) (local.get $x) (local.get $neg)))))
      (local.set $u (call $next))
      (br $again))
    (unreachable))

  ;; Finishes the draws fillNormal rejected (REJN, REJU, REJK) in the lanes whose bit is set in alive, each
  ;; lane from its own stream after its block, as lanes.ts did: out's step k of lane l becomes the slow
  ;; path's z, or with round set mean + sd * z rounded half to even.
  (func $finishNormals (export "finishNormals") (param $out i32) (param $alive i32) (param $mean f64) (param $sd f64) (param $round i32)
    (local $l i32) (local $r i32) (local $count i32) (local $z f64) (local $at i32)
    (block $lanes
      (loop $lane
        (br_if $lanes (i32.ge_u (local.get $l) (i32.const 4)))
        (local.set $count (i32.load offset=7168 (i32.shl (local.get $l) (i32.const 2))))
        (if (i32.and (i32.ne (local.get $count) (i32.const 0))
              (i32.and (i32.shr_u (local.get $alive) (local.get $l)) (i32.const 1)))
          (then
            (global.set $x0 (i32.load (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x1 (i32.load offset=16 (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x2 (i32.load offset=32 (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x3 (i32.load offset=48 (i32.shl (local.get $l) (i32.const 2))))
            (local.set $r (i32.const 0))
            (loop $rej
              (local.set $at (i32.add (i32.shl (local.get $l) (i32.const 10)) (i32.shl (local.get $r) (i32.const 2))))
              (local.set $z (call $normalSlow (i32.load offset=8192 (local.get $at))))
              (if (local.get $round)
                (then (local.set $z (f64.sub (f64.add (f64.add (local.get $mean) (f64.mul (local.get $sd) (local.get $z)))
                  (f64.const 6755399441055744)) (f64.const 6755399441055744)))))
              (f64.store (i32.add (local.get $out)
                  (i32.shl (i32.add (i32.shl (i32.load offset=12288 (local.get $at)) (i32.const 2)) (local.get $l)) (i32.const 3)))
                (local.get $z))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br_if $rej (i32.lt_u (local.get $r) (local.get $count))))
            (i32.store (i32.shl (local.get $l) (i32.const 2)) (global.get $x0))
            (i32.store offset=16 (i32.shl (local.get $l) (i32.const 2)) (global.get $x1))
            (i32.store offset=32 (i32.shl (local.get $l) (i32.const 2)) (global.get $x2))
            (i32.store offset=48 (i32.shl (local.get $l) (i32.const 2)) (global.get $x3))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $lane))))

  ;; SplitMix64's output mix (Stafford variant 13), as rng.ts's mix64.
  (func $mix64 (param $z i64) (result i64)
    (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 30)))
      (i64.const 0xbf58476d1ce4e5b9)))
    (local.set $z (i64.mul (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 27)))
      (i64.const 0x94d049bb133111eb)))
    (i64.xor (local.get $z) (i64.shr_u (local.get $z) (i64.const 31))))

  ;; Stores the four bankrolls as checkpoint cg of the group's rows (ROWS at [7364], lane l's row l, NC at
  ;; [7376] checkpoints each) and folds them into the chunk's per-checkpoint min and max (MINS at [7368],
  ;; MAXS at [7372]) lane by lane as `x < min`, `x > max`, the order and tests simulateChecked used.
  (func $storeCp (param $cg i32) (param $lo v128) (param $hi v128)
    (local $row i32) (local $at i32) (local $mn i32) (local $mx i32) (local $x f64) (local $m f64) (local $l i32)
    (local.set $row (i32.shl (i32.load (i32.const 7376)) (i32.const 3)))
    (local.set $at (i32.add (i32.load (i32.const 7364)) (i32.shl (local.get $cg) (i32.const 3))))
    (local.set $mn (i32.add (i32.load (i32.const 7368)) (i32.shl (local.get $cg) (i32.const 3))))
    (local.set $mx (i32.add (i32.load (i32.const 7372)) (i32.shl (local.get $cg) (i32.const 3))))
    (loop $lane
      (local.set $x (select (f64x2.extract_lane 0 (local.get $lo)) (f64x2.extract_lane 1 (local.get $lo))
        (i32.eqz (i32.and (local.get $l) (i32.const 1)))))
      (if (i32.ge_u (local.get $l) (i32.const 2))
        (then (local.set $x (select (f64x2.extract_lane 0 (local.get $hi)) (f64x2.extract_lane 1 (local.get $hi))
          (i32.eqz (i32.and (local.get $l) (i32.const 1)))))))
      (f64.store (local.get $at) (local.get $x))
      (local.set $m (f64.load (local.get $mn)))
      (if (f64.lt (local.get $x) (local.get $m)) (then (f64.store (local.get $mn) (local.get $x))))
      (local.set $m (f64.load (local.get $mx)))
      (if (f64.gt (local.get $x) (local.get $m)) (then (f64.store (local.get $mx) (local.get $x))))
      (local.set $at (i32.add (local.get $at) (local.get $row)))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br_if $lane (i32.lt_u (local.get $l) (i32.const 4)))))

  ;; The checkpoints after the group's last walked step (all its lanes ruined): the bankrolls at ruin.
  (func $fillRest (export "fillRest")
    (local $cg i32)
    (local.set $cg (i32.load (i32.const 7380)))
    (block $done
      (loop $cp
        (br_if $done (i32.ge_u (local.get $cg) (i32.load (i32.const 7376))))
        (call $storeCp (local.get $cg) (v128.load (i32.const 7200)) (v128.load (i32.const 7216)))
        (local.set $cg (i32.add (local.get $cg) (i32.const 1)))
        (br $cp)))
    (i32.store (i32.const 7380) (local.get $cg)))

  ;; Starts a group: lane l walks path first + l (path first when l >= used), seeded exactly as rng.ts's
  ;; Xoshiro128.seedPath (key = mix(seed + (path + 1) * G), state = mix(key + G), mix(key + 2G), an all-zero
  ;; state replaced by s0 = 1), with B = PEAK = start, MDD = 0, MARK = mark and every lane alive.
  (func (export "begin") (param $seedf f64) (param $first i32) (param $used i32) (param $start f64) (param $mark f64)
      (param $hit0 i32)
    (local $l i32) (local $key i64) (local $a i64) (local $b i64) (local $s0 i32) (local $seed i64)
    ;; the seed is an integer below 2^53, so exact as a double
    (local.set $seed (i64.trunc_f64_u (local.get $seedf)))
    (block $done
      (loop $lane
        (br_if $done (i32.ge_u (local.get $l) (i32.const 4)))
        (local.set $key (call $mix64 (i64.add (local.get $seed) (i64.mul
          (i64.extend_i32_u (i32.add (select (local.get $l) (i32.const 0) (i32.lt_u (local.get $l) (local.get $used)))
            (i32.add (local.get $first) (i32.const 1))))
          (i64.const 0x9e3779b97f4a7c15)))))
        (local.set $a (call $mix64 (i64.add (local.get $key) (i64.const 0x9e3779b97f4a7c15))))
        (local.set $b (call $mix64 (i64.add (local.get $key) (i64.const 0x3c6ef372fe94f82a))))
        (local.set $s0 (i32.wrap_i64 (local.get $a)))
        (if (i64.eqz (i64.or (local.get $a) (local.get $b))) (then (local.set $s0 (i32.const 1))))
        (i32.store (i32.shl (local.get $l) (i32.const 2)) (local.get $s0))
        (i32.store offset=16 (i32.shl (local.get $l) (i32.const 2)) (i32.wrap_i64 (i64.shr_u (local.get $a) (i64.const 32))))
        (i32.store offset=32 (i32.shl (local.get $l) (i32.const 2)) (i32.wrap_i64 (local.get $b)))
        (i32.store offset=48 (i32.shl (local.get $l) (i32.const 2)) (i32.wrap_i64 (i64.shr_u (local.get $b) (i64.const 32))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $lane)))
    (v128.store (i32.const 7200) (f64x2.splat (local.get $start)))
    (v128.store (i32.const 7216) (f64x2.splat (local.get $start)))
    (v128.store (i32.const 7232) (f64x2.splat (local.get $start)))
    (v128.store (i32.const 7248) (f64x2.splat (local.get $start)))
    (v128.store (i32.const 7264) (v128.const i32x4 0 0 0 0))
    (v128.store (i32.const 7280) (v128.const i32x4 0 0 0 0))
    (v128.store (i32.const 7296) (f64x2.splat (local.get $mark)))
    (v128.store (i32.const 7312) (f64x2.splat (local.get $mark)))
    (v128.store (i32.const 7328) (v128.const i32x4 -1 -1 -1 -1))
    (v128.store (i32.const 7344) (v128.const i32x4 -1 -1 -1 -1))
    (v128.store (i32.const 7392) (i32x4.splat (local.get $hit0)))
    (v128.store (i32.const 7408) (v128.const i32x4 -1 -1 -1 -1))
    ;; checkpoint 0 is the start
    (i32.store (i32.const 7380) (i32.const 0))
    (if (i32.load (i32.const 7376))
      (then
        (call $storeCp (i32.const 0) (f64x2.splat (local.get $start)) (f64x2.splat (local.get $start)))
        (i32.store (i32.const 7380) (i32.const 1)))))

  ;; Ziggurat fast path for n steps of the four lanes into out: z = j * WN[i] for u = next(), i = u & 511,
  ;; j = u >>> 9 when j < KN[i]; with round set, mean + sd * z rounded half to even to cents (1.5 * 2^52
  ;; added and taken away). Rejected draws are listed per lane (REJU, REJK) for lanes.ts to finish.
  (func $fillNormal (export "fillNormal") (param $out i32) (param $n i32) (param $mean f64) (param $sd f64) (param $round i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $m v128) (local $u v128) (local $t v128) (local $i v128) (local $j v128) (local $kn v128)
    (local $wlo v128) (local $whi v128) (local $zlo v128) (local $zhi v128) (local $acc v128)
    (local $k i32) (local $p i32) (local $il i32) (local $c i32)
    (local.set $s0 (v128.load (i32.const 0)))
    (local.set $s1 (v128.load (i32.const 16)))
    (local.set $s2 (v128.load (i32.const 32)))
    (local.set $s3 (v128.load (i32.const 48)))
    (v128.store (i32.const 7168) (v128.const i32x4 0 0 0 0))
    (local.set $p (local.get $out))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        ;; xoshiro128**
        (local.set $m (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $m (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25))))
        (local.set $u (i32x4.add (local.get $m) (i32x4.shl (local.get $m) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $i (v128.and (local.get $u) (v128.const i32x4 511 511 511 511)))
        (local.set $j (i32x4.shr_u (local.get $u) (i32.const 9)))
        ;; gather KN[i] and WN[i]
        (local.set $il (i32x4.extract_lane 0 (local.get $i)))
        (local.set $kn (i32x4.splat (i32.load offset=1024 (i32.shl (local.get $il) (i32.const 2)))))
        (local.set $wlo (f64x2.splat (f64.load offset=3072 (i32.shl (local.get $il) (i32.const 3)))))
        (local.set $il (i32x4.extract_lane 1 (local.get $i)))
        (local.set $kn (i32x4.replace_lane 1 (local.get $kn) (i32.load offset=1024 (i32.shl (local.get $il) (i32.const 2)))))
        (local.set $wlo (f64x2.replace_lane 1 (local.get $wlo) (f64.load offset=3072 (i32.shl (local.get $il) (i32.const 3)))))
        (local.set $il (i32x4.extract_lane 2 (local.get $i)))
        (local.set $kn (i32x4.replace_lane 2 (local.get $kn) (i32.load offset=1024 (i32.shl (local.get $il) (i32.const 2)))))
        (local.set $whi (f64x2.splat (f64.load offset=3072 (i32.shl (local.get $il) (i32.const 3)))))
        (local.set $il (i32x4.extract_lane 3 (local.get $i)))
        (local.set $kn (i32x4.replace_lane 3 (local.get $kn) (i32.load offset=1024 (i32.shl (local.get $il) (i32.const 2)))))
        (local.set $whi (f64x2.replace_lane 1 (local.get $whi) (f64.load offset=3072 (i32.shl (local.get $il) (i32.const 3)))))
        ;; z = j * WN[i] (j < 2^23, so the signed conversion is exact)
        (local.set $zlo (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $j)) (local.get $wlo)))
        (local.set $zhi (f64x2.mul
          (f64x2.convert_low_i32x4_s (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $j) (local.get $j)))
          (local.get $whi)))
        (if (local.get $round)
          (then
            (local.set $zlo (f64x2.sub (f64x2.add
              (f64x2.add (f64x2.splat (local.get $mean)) (f64x2.mul (f64x2.splat (local.get $sd)) (local.get $zlo)))
              (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const f64x2 6755399441055744 6755399441055744)))
            (local.set $zhi (f64x2.sub (f64x2.add
              (f64x2.add (f64x2.splat (local.get $mean)) (f64x2.mul (f64x2.splat (local.get $sd)) (local.get $zhi)))
              (v128.const f64x2 6755399441055744 6755399441055744)) (v128.const f64x2 6755399441055744 6755399441055744)))))
        (v128.store (local.get $p) (local.get $zlo))
        (v128.store offset=16 (local.get $p) (local.get $zhi))
        ;; rejected lanes: j >= KN[i]
        (local.set $acc (i32x4.ge_s (local.get $j) (local.get $kn)))
        (if (v128.any_true (local.get $acc))
          (then
            (if (i32x4.extract_lane 0 (local.get $acc))
              (then
                (local.set $c (i32.load (i32.const 7168)))
                (i32.store offset=8192 (i32.shl (local.get $c) (i32.const 2)) (i32x4.extract_lane 0 (local.get $u)))
                (i32.store offset=12288 (i32.shl (local.get $c) (i32.const 2)) (local.get $k))
                (i32.store (i32.const 7168) (i32.add (local.get $c) (i32.const 1)))))
            (if (i32x4.extract_lane 1 (local.get $acc))
              (then
                (local.set $c (i32.load (i32.const 7172)))
                (i32.store offset=9216 (i32.shl (local.get $c) (i32.const 2)) (i32x4.extract_lane 1 (local.get $u)))
                (i32.store offset=13312 (i32.shl (local.get $c) (i32.const 2)) (local.get $k))
                (i32.store (i32.const 7172) (i32.add (local.get $c) (i32.const 1)))))
            (if (i32x4.extract_lane 2 (local.get $acc))
              (then
                (local.set $c (i32.load (i32.const 7176)))
                (i32.store offset=10240 (i32.shl (local.get $c) (i32.const 2)) (i32x4.extract_lane 2 (local.get $u)))
                (i32.store offset=14336 (i32.shl (local.get $c) (i32.const 2)) (local.get $k))
                (i32.store (i32.const 7176) (i32.add (local.get $c) (i32.const 1)))))
            (if (i32x4.extract_lane 3 (local.get $acc))
              (then
                (local.set $c (i32.load (i32.const 7180)))
                (i32.store offset=11264 (i32.shl (local.get $c) (i32.const 2)) (i32x4.extract_lane 3 (local.get $u)))
                (i32.store offset=15360 (i32.shl (local.get $c) (i32.const 2)) (local.get $k))
                (i32.store (i32.const 7180) (i32.add (local.get $c) (i32.const 1)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $step)))
    (v128.store (i32.const 0) (local.get $s0))
    (v128.store (i32.const 16) (local.get $s1))
    (v128.store (i32.const 32) (local.get $s2))
    (v128.store (i32.const 48) (local.get $s3)))

  ;; n uniforms in (0, 1) per lane into out, each from two draws a, b: ((a >>> 5) * 2^26 + (b >>> 6) + 0.5) * 2^-53.
  (func $fillUniform (export "fillUniform") (param $out i32) (param $n i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $m v128) (local $a v128) (local $b v128) (local $t v128) (local $k i32) (local $p i32)
    (local.set $s0 (v128.load (i32.const 0)))
    (local.set $s1 (v128.load (i32.const 16)))
    (local.set $s2 (v128.load (i32.const 32)))
    (local.set $s3 (v128.load (i32.const 48)))
    (local.set $p (local.get $out))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $m (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $m (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25))))
        (local.set $a (i32x4.shr_u (i32x4.add (local.get $m) (i32x4.shl (local.get $m) (i32.const 3))) (i32.const 5)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $m (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $m (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25))))
        (local.set $b (i32x4.shr_u (i32x4.add (local.get $m) (i32x4.shl (local.get $m) (i32.const 3))) (i32.const 6)))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (v128.store (local.get $p) (f64x2.mul (f64x2.add (f64x2.add
          (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $a)) (v128.const f64x2 67108864 67108864))
          (f64x2.convert_low_i32x4_s (local.get $b))) (v128.const f64x2 0.5 0.5))
          (v128.const f64x2 0x1p-53 0x1p-53)))
        (local.set $a (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $a) (local.get $a)))
        (local.set $b (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $b) (local.get $b)))
        (v128.store offset=16 (local.get $p) (f64x2.mul (f64x2.add (f64x2.add
          (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $a)) (v128.const f64x2 67108864 67108864))
          (f64x2.convert_low_i32x4_s (local.get $b))) (v128.const f64x2 0.5 0.5))
          (v128.const f64x2 0x1p-53 0x1p-53)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $step)))
    (v128.store (i32.const 0) (local.get $s0))
    (v128.store (i32.const 16) (local.get $s1))
    (v128.store (i32.const 32) (local.get $s2))
    (v128.store (i32.const 48) (local.get $s3)))

  ;; n bootstrap steps per lane into BUF: STEPS[idx], idx the high 32 bits of u * len, drawing u again in
  ;; the lanes whose low 32 bits fall below reject = (2^32 - len) mod len (Lemire), for len <= 2^21.
  (func $fillBoot (export "fillBoot") (param $n i32) (param $len i32) (param $reject i32)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $m v128) (local $u v128) (local $nu v128) (local $t v128) (local $lenv v128) (local $rejv v128)
    (local $again v128) (local $prod v128) (local $k i32) (local $p i32)
    (local.set $s0 (v128.load (i32.const 0)))
    (local.set $s1 (v128.load (i32.const 16)))
    (local.set $s2 (v128.load (i32.const 32)))
    (local.set $s3 (v128.load (i32.const 48)))
    (local.set $lenv (i32x4.splat (local.get $len)))
    (local.set $rejv (i32x4.splat (local.get $reject)))
    (local.set $p (i32.const 16384))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $m (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
        (local.set $m (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25))))
        (local.set $u (i32x4.add (local.get $m) (i32x4.shl (local.get $m) (i32.const 3))))
        (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $s0)))
        (local.set $s3 (v128.xor (local.get $s3) (local.get $s1)))
        (local.set $s1 (v128.xor (local.get $s1) (local.get $s2)))
        (local.set $s0 (v128.xor (local.get $s0) (local.get $s3)))
        (local.set $s2 (v128.xor (local.get $s2) (local.get $t)))
        (local.set $s3 (v128.or (i32x4.shl (local.get $s3) (i32.const 11)) (i32x4.shr_u (local.get $s3) (i32.const 21))))
        (local.set $again (i32x4.lt_u (i32x4.mul (local.get $u) (local.get $lenv)) (local.get $rejv)))
        ;; rare: the lanes in the biased zone draw again (the others keep their draw and state)
        (block $ok
          (loop $redraw
            (br_if $ok (i32.eqz (v128.any_true (local.get $again))))
            (local.set $m (i32x4.add (local.get $s1) (i32x4.shl (local.get $s1) (i32.const 2))))
            (local.set $m (v128.or (i32x4.shl (local.get $m) (i32.const 7)) (i32x4.shr_u (local.get $m) (i32.const 25))))
        (local.set $nu (i32x4.add (local.get $m) (i32x4.shl (local.get $m) (i32.const 3))))
            (local.set $t (i32x4.shl (local.get $s1) (i32.const 9)))
            (local.set $n2 (v128.xor (local.get $s2) (local.get $s0)))
            (local.set $n3 (v128.xor (local.get $s3) (local.get $s1)))
            (local.set $n1 (v128.xor (local.get $s1) (local.get $n2)))
            (local.set $n0 (v128.xor (local.get $s0) (local.get $n3)))
            (local.set $n2 (v128.xor (local.get $n2) (local.get $t)))
            (local.set $n3 (v128.or (i32x4.shl (local.get $n3) (i32.const 11)) (i32x4.shr_u (local.get $n3) (i32.const 21))))
            (local.set $s0 (v128.bitselect (local.get $n0) (local.get $s0) (local.get $again)))
            (local.set $s1 (v128.bitselect (local.get $n1) (local.get $s1) (local.get $again)))
            (local.set $s2 (v128.bitselect (local.get $n2) (local.get $s2) (local.get $again)))
            (local.set $s3 (v128.bitselect (local.get $n3) (local.get $s3) (local.get $again)))
            (local.set $u (v128.bitselect (local.get $nu) (local.get $u) (local.get $again)))
            (local.set $again (v128.and (local.get $again)
              (i32x4.lt_u (i32x4.mul (local.get $u) (local.get $lenv)) (local.get $rejv))))
            (br $redraw)))
        (local.set $prod (i64x2.shr_u (i64x2.extmul_low_i32x4_u (local.get $u) (local.get $lenv)) (i32.const 32)))
        (f64.store (local.get $p) (f64.load offset=131072 (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $prod))) (i32.const 3))))
        (f64.store offset=8 (local.get $p) (f64.load offset=131072 (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $prod))) (i32.const 3))))
        (local.set $prod (i64x2.shr_u (i64x2.extmul_high_i32x4_u (local.get $u) (local.get $lenv)) (i32.const 32)))
        (f64.store offset=16 (local.get $p) (f64.load offset=131072 (i32.shl (i32.wrap_i64 (i64x2.extract_lane 0 (local.get $prod))) (i32.const 3))))
        (f64.store offset=24 (local.get $p) (f64.load offset=131072 (i32.shl (i32.wrap_i64 (i64x2.extract_lane 1 (local.get $prod))) (i32.const 3))))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $step)))
    (v128.store (i32.const 0) (local.get $s0))
    (v128.store (i32.const 16) (local.get $s1))
    (v128.store (i32.const 32) (local.get $s2))
    (v128.store (i32.const 48) (local.get $s3)))

  ;; Student-t steps for n steps of the four lanes from Z, X (standard normals) and U (uniforms) into BUF:
  ;; one Marsaglia-Tsang attempt each, w = 1 + gc x, v = w^3, accepted by the squeeze u < 1 - 0.0331 x^4
  ;; with w > 0, then mean + scale * z / sqrt(d v / a) capped at +-2^50 cents and rounded half to even.
  ;; The other steps (a few %) are listed at REJU as element indices k*4 + lane for lanes.ts (log test,
  ;; then a fresh Gamma draw); returns how many.
  (func $tSqueeze (export "tSqueeze") (param $n i32) (param $mean f64) (param $scale f64) (param $d f64) (param $a f64) (param $gc f64) (result i32)
    (local $x v128) (local $w v128) (local $v v128) (local $x2 v128) (local $ok v128) (local $val v128)
    (local $q i32) (local $p i32) (local $cnt i32) (local $pairs i32)
    (local.set $pairs (i32.shl (local.get $n) (i32.const 1)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_s (local.get $q) (local.get $pairs)))
        (local.set $p (i32.shl (local.get $q) (i32.const 4)))
        (local.set $x (v128.load offset=32768 (local.get $p)))
        (local.set $w (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (f64x2.splat (local.get $gc)) (local.get $x))))
        (local.set $v (f64x2.mul (f64x2.mul (local.get $w) (local.get $w)) (local.get $w)))
        (local.set $x2 (f64x2.mul (local.get $x) (local.get $x)))
        (local.set $ok (v128.and
          (f64x2.gt (local.get $w) (v128.const f64x2 0 0))
          (f64x2.lt (v128.load offset=40960 (local.get $p))
            (f64x2.sub (v128.const f64x2 1 1)
              (f64x2.mul (f64x2.mul (v128.const f64x2 0.0331 0.0331) (local.get $x2)) (local.get $x2))))))
        (local.set $val (f64x2.add (f64x2.splat (local.get $mean)) (f64x2.mul (f64x2.splat (local.get $scale))
          (f64x2.div (v128.load offset=24576 (local.get $p))
            (f64x2.sqrt (f64x2.div (f64x2.mul (f64x2.splat (local.get $d)) (local.get $v)) (f64x2.splat (local.get $a))))))))
        (local.set $val (f64x2.pmax (f64x2.pmin (local.get $val) (v128.const f64x2 0x1p50 0x1p50))
          (v128.const f64x2 -0x1p50 -0x1p50)))
        (v128.store offset=16384 (local.get $p) (f64x2.sub
          (f64x2.add (local.get $val) (v128.const f64x2 6755399441055744 6755399441055744))
          (v128.const f64x2 6755399441055744 6755399441055744)))
        (if (i32.eqz (i64x2.all_true (local.get $ok)))
          (then
            (if (i64.eqz (i64x2.extract_lane 0 (local.get $ok)))
              (then
                (i32.store offset=8192 (i32.shl (local.get $cnt) (i32.const 2)) (i32.shl (local.get $q) (i32.const 1)))
                (local.set $cnt (i32.add (local.get $cnt) (i32.const 1)))))
            (if (i64.eqz (i64x2.extract_lane 1 (local.get $ok)))
              (then
                (i32.store offset=8192 (i32.shl (local.get $cnt) (i32.const 2))
                  (i32.add (i32.shl (local.get $q) (i32.const 1)) (i32.const 1)))
                (local.set $cnt (i32.add (local.get $cnt) (i32.const 1)))))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $pair)))
    (local.get $cnt))

  ;; A standard normal from $x0..$x3, as distributions.ts's normal: the fast path, else normalSlow.
  (func $normal (result f64)
    (local $u i32) (local $i i32) (local $j i32)
    (local.set $u (call $next))
    (local.set $i (i32.and (local.get $u) (i32.const 511)))
    (local.set $j (i32.shr_u (local.get $u) (i32.const 9)))
    (if (i32.lt_s (local.get $j) (i32.load offset=1024 (i32.shl (local.get $i) (i32.const 2))))
      (then (return (f64.mul (f64.convert_i32_s (local.get $j))
        (f64.load offset=3072 (i32.shl (local.get $i) (i32.const 3)))))))
    (call $normalSlow (local.get $u)))

  ;; A Gamma draw by Marsaglia and Tsang from $x0..$x3, as distributions.ts's gammaDraw (d, c as there).
  (func $gammaDraw (param $d f64) (param $c f64) (result f64)
    (local $x f64) (local $v f64) (local $u f64) (local $x2 f64)
    (loop $try
      (loop $positive
        (local.set $x (call $normal))
        (local.set $v (f64.add (f64.const 1) (f64.mul (local.get $c) (local.get $x))))
        (br_if $positive (f64.le (local.get $v) (f64.const 0))))
      (local.set $v (f64.mul (f64.mul (local.get $v) (local.get $v)) (local.get $v)))
      (local.set $u (call $nextDouble))
      (local.set $x2 (f64.mul (local.get $x) (local.get $x)))
      (if (f64.lt (local.get $u) (f64.sub (f64.const 1) (f64.mul (f64.mul (f64.const 0.0331) (local.get $x2)) (local.get $x2))))
        (then (return (f64.mul (local.get $d) (local.get $v)))))
      (if (f64.lt (call $log (local.get $u))
            (f64.add (f64.mul (f64.const 0.5) (local.get $x2))
              (f64.mul (local.get $d) (f64.add (f64.sub (f64.const 1) (local.get $v)) (call $log (local.get $v))))))
        (then (return (f64.mul (local.get $d) (local.get $v)))))
      (br $try))
    (unreachable))

  ;; Finishes the Student-t steps tSqueeze listed (pending of them at REJU, element indices k * 4 + lane) in
  ;; the lanes whose bit is set in alive, each lane from its own stream in list order, as lanes.ts did: the
  ;; attempt's full log test, else a fresh Gamma draw; then mean + scale * z / sqrt(g / a) capped at
  ;; +-2^50 and rounded half to even into BUF.
  (func $tFinish (export "tFinish") (param $pending i32) (param $alive i32) (param $mean f64) (param $scale f64)
      (param $d f64) (param $a f64) (param $gc f64)
    (local $l i32) (local $r i32) (local $i i32) (local $x f64) (local $w f64) (local $v f64) (local $g f64) (local $y f64)
    (local $ok i32)
    (block $lanes
      (loop $lane
        (br_if $lanes (i32.ge_u (local.get $l) (i32.const 4)))
        (if (i32.and (i32.shr_u (local.get $alive) (local.get $l)) (i32.const 1))
          (then
            (global.set $x0 (i32.load (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x1 (i32.load offset=16 (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x2 (i32.load offset=32 (i32.shl (local.get $l) (i32.const 2))))
            (global.set $x3 (i32.load offset=48 (i32.shl (local.get $l) (i32.const 2))))
            (local.set $r (i32.const 0))
            (block $done
              (loop $rej
                (br_if $done (i32.ge_u (local.get $r) (local.get $pending)))
                (local.set $i (i32.load offset=8192 (i32.shl (local.get $r) (i32.const 2))))
                (if (i32.eq (i32.and (local.get $i) (i32.const 3)) (local.get $l))
                  (then
                    (local.set $x (f64.load offset=32768 (i32.shl (local.get $i) (i32.const 3))))
                    (local.set $w (f64.add (f64.const 1) (f64.mul (local.get $gc) (local.get $x))))
                    (local.set $v (f64.mul (f64.mul (local.get $w) (local.get $w)) (local.get $w)))
                    (local.set $ok (i32.const 0))
                    (if (f64.gt (local.get $w) (f64.const 0))
                      (then
                        (local.set $ok (f64.lt (call $log (f64.load offset=40960 (i32.shl (local.get $i) (i32.const 3))))
                          (f64.add (f64.mul (f64.mul (f64.const 0.5) (local.get $x)) (local.get $x))
                            (f64.mul (local.get $d) (f64.add (f64.sub (f64.const 1) (local.get $v)) (call $log (local.get $v)))))))))
                    (local.set $g (if (result f64) (local.get $ok)
                      (then (f64.mul (local.get $d) (local.get $v)))
                      (else (call $gammaDraw (local.get $d) (local.get $gc)))))
                    (local.set $y (f64.add (local.get $mean) (f64.mul (local.get $scale)
                      (f64.div (f64.load offset=24576 (i32.shl (local.get $i) (i32.const 3)))
                        (f64.sqrt (f64.div (local.get $g) (local.get $a)))))))
                    (if (f64.gt (local.get $y) (f64.const 0x1p50)) (then (local.set $y (f64.const 0x1p50)))
                      (else (if (f64.lt (local.get $y) (f64.const -0x1p50)) (then (local.set $y (f64.const -0x1p50))))))
                    (f64.store offset=16384 (i32.shl (local.get $i) (i32.const 3))
                      (f64.sub (f64.add (local.get $y) (f64.const 6755399441055744)) (f64.const 6755399441055744)))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br $rej)))
            (i32.store (i32.shl (local.get $l) (i32.const 2)) (global.get $x0))
            (i32.store offset=16 (i32.shl (local.get $l) (i32.const 2)) (global.get $x1))
            (i32.store offset=32 (i32.shl (local.get $l) (i32.const 2)) (global.get $x2))
            (i32.store offset=48 (i32.shl (local.get $l) (i32.const 2)) (global.get $x3))))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $lane))))

  ;; The block step (relative to block start t) after which checkpoint cg is taken: CPS[cg] - t - 1, CPS at
  ;; [7384] being the checkpoint steps i32[NC]; past the last checkpoint a step no block reaches.
  (func $cpStep (param $cg i32) (param $t i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $cg) (i32.load (i32.const 7376)))
      (then (i32.sub (i32.sub (i32.load (i32.add (i32.load (i32.const 7384)) (i32.shl (local.get $cg) (i32.const 2))))
        (local.get $t)) (i32.const 1)))
      (else (i32.const 0x7fffffff))))

  ;; A whole group after begin, for the normal (kind 0, mean and sd), Student-t (kind 1, mean, sd the scale,
  ;; d, a, gc as tSqueeze) and bootstrap (kind 2, len and reject as fillBoot) models without clamps,
  ;; withdrawals or drain: block after block of `horizon` steps, as
  ;; lanes.ts's walkLanes does, with the events recorded here: lane l's first step with b >= MARK goes to
  ;; TGT (i32[4] at 7392) and MARK becomes +Infinity; its first with b <= floor to RUIN (i32[4] at 7408),
  ;; and the lane stops (ALIVE 0). Ends when every lane is ruined or at the horizon, checkpoints filled.
  (func (export "group") (param $kind i32) (param $horizon i32) (param $floor f64) (param $mean f64) (param $sd f64)
      (param $len i32) (param $reject i32) (param $d f64) (param $a f64) (param $gc f64)
    (local $t i32) (local $n i32) (local $k i32) (local $e i32) (local $l i32) (local $alive i32) (local $b f64)
    (local $pending i32)
    (local.set $alive (i32.const 15))
    (block $end
      (loop $block
        (br_if $end (i32.or (i32.ge_s (local.get $t) (local.get $horizon)) (i32.eqz (local.get $alive))))
        (local.set $n (i32.sub (local.get $horizon) (local.get $t)))
        (if (i32.gt_s (local.get $n) (i32.const 256)) (then (local.set $n (i32.const 256))))
        (if (i32.eqz (local.get $kind))
          (then
            (call $fillNormal (i32.const 16384) (local.get $n) (local.get $mean) (local.get $sd) (i32.const 1))
            (call $finishNormals (i32.const 16384) (local.get $alive) (local.get $mean) (local.get $sd) (i32.const 1)))
          (else (if (i32.eq (local.get $kind) (i32.const 2))
            (then (call $fillBoot (local.get $n) (local.get $len) (local.get $reject)))
            (else
              ;; Student-t, as lanes.ts's fillStudentT4
              (call $fillNormal (i32.const 24576) (local.get $n) (f64.const 0) (f64.const 1) (i32.const 0))
              (call $finishNormals (i32.const 24576) (local.get $alive) (f64.const 0) (f64.const 1) (i32.const 0))
              (call $fillNormal (i32.const 32768) (local.get $n) (f64.const 0) (f64.const 1) (i32.const 0))
              (call $finishNormals (i32.const 32768) (local.get $alive) (f64.const 0) (f64.const 1) (i32.const 0))
              (call $fillUniform (i32.const 40960) (local.get $n))
              (local.set $pending (call $tSqueeze (local.get $n) (local.get $mean) (local.get $sd) (local.get $d)
                (local.get $a) (local.get $gc)))
              (if (local.get $pending)
                (then (call $tFinish (local.get $pending) (local.get $alive) (local.get $mean) (local.get $sd)
                  (local.get $d) (local.get $a) (local.get $gc))))))))
        (local.set $k (i32.const 0))
        (block $walked
          (loop $events
            (br_if $walked (i32.ge_s (local.get $k) (local.get $n)))
            (local.set $e (call $walk (local.get $k) (local.get $n) (local.get $floor) (local.get $t)))
            (br_if $walked (i32.lt_s (local.get $e) (i32.const 0)))
            ;; a live lane reached its mark or the floor after step e
            (local.set $l (i32.const 0))
            (loop $lane
              (if (i32.and (local.get $alive) (i32.shl (i32.const 1) (local.get $l)))
                (then
                  (local.set $b (f64.load offset=7200 (i32.shl (local.get $l) (i32.const 3))))
                  (if (f64.ge (local.get $b) (f64.load offset=7296 (i32.shl (local.get $l) (i32.const 3))))
                    (then
                      (i32.store offset=7392 (i32.shl (local.get $l) (i32.const 2))
                        (i32.add (i32.add (local.get $t) (local.get $e)) (i32.const 1)))
                      (f64.store offset=7296 (i32.shl (local.get $l) (i32.const 3)) (f64.const inf))))
                  (if (f64.le (local.get $b) (local.get $floor))
                    (then
                      (i32.store offset=7408 (i32.shl (local.get $l) (i32.const 2))
                        (i32.add (i32.add (local.get $t) (local.get $e)) (i32.const 1)))
                      (local.set $alive (i32.and (local.get $alive)
                        (i32.xor (i32.shl (i32.const 1) (local.get $l)) (i32.const -1))))
                      (i64.store offset=7328 (i32.shl (local.get $l) (i32.const 3)) (i64.const 0))))))
              (local.set $l (i32.add (local.get $l) (i32.const 1)))
              (br_if $lane (i32.lt_u (local.get $l) (i32.const 4))))
            (local.set $k (i32.add (local.get $e) (i32.const 1)))
            (br $events)))
        (local.set $t (i32.add (local.get $t) (local.get $n)))
        (br $block)))
    (call $fillRest))

  ;; Walks steps [from, to) of BUF: b += step (nothing once a lane is ruined), peak = max(peak, b),
  ;; mdd = max(mdd, peak - b). pmax is a single instruction where max must order NaN and -0; neither can
  ;; occur (whole cents, and x - x is +0), so both give Math.max's result. After the step of checkpoint CG
  ;; (t: the block's first step in the path) the four bankrolls go to ROWS. Stops after the first step at
  ;; which a live lane has b >= MARK or b <= floor and returns that step for the caller to record; returns
  ;; -1 at `to`.
  (func $walk (export "walk") (param $from i32) (param $to i32) (param $floor f64) (param $t i32) (result i32)
    (local $blo v128) (local $bhi v128) (local $plo v128) (local $phi v128) (local $dlo v128) (local $dhi v128)
    (local $mlo v128) (local $mhi v128) (local $alo v128) (local $ahi v128) (local $fl v128)
    (local $k i32) (local $p i32) (local $r i32) (local $cpk i32) (local $cg i32)
    (local.set $blo (v128.load (i32.const 7200)))
    (local.set $bhi (v128.load (i32.const 7216)))
    (local.set $plo (v128.load (i32.const 7232)))
    (local.set $phi (v128.load (i32.const 7248)))
    (local.set $dlo (v128.load (i32.const 7264)))
    (local.set $dhi (v128.load (i32.const 7280)))
    (local.set $mlo (v128.load (i32.const 7296)))
    (local.set $mhi (v128.load (i32.const 7312)))
    (local.set $alo (v128.load (i32.const 7328)))
    (local.set $ahi (v128.load (i32.const 7344)))
    (local.set $fl (f64x2.splat (local.get $floor)))
    (local.set $cg (i32.load (i32.const 7380)))
    (local.set $cpk (call $cpStep (local.get $cg) (local.get $t)))
    (local.set $r (i32.const -1))
    (local.set $k (local.get $from))
    (local.set $p (i32.add (i32.const 16384) (i32.shl (local.get $from) (i32.const 5))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $k) (local.get $to)))
        (local.set $blo (f64x2.add (local.get $blo) (v128.and (v128.load (local.get $p)) (local.get $alo))))
        (local.set $bhi (f64x2.add (local.get $bhi) (v128.and (v128.load offset=16 (local.get $p)) (local.get $ahi))))
        (local.set $plo (f64x2.pmax (local.get $plo) (local.get $blo)))
        (local.set $phi (f64x2.pmax (local.get $phi) (local.get $bhi)))
        (local.set $dlo (f64x2.pmax (local.get $dlo) (f64x2.sub (local.get $plo) (local.get $blo))))
        (local.set $dhi (f64x2.pmax (local.get $dhi) (f64x2.sub (local.get $phi) (local.get $bhi))))
        (if (i32.eq (local.get $k) (local.get $cpk))
          (then
            (call $storeCp (local.get $cg) (local.get $blo) (local.get $bhi))
            (local.set $cg (i32.add (local.get $cg) (i32.const 1)))
            (local.set $cpk (call $cpStep (local.get $cg) (local.get $t)))))
        (if (v128.any_true (v128.or
              (v128.and (local.get $alo) (v128.or (f64x2.ge (local.get $blo) (local.get $mlo)) (f64x2.le (local.get $blo) (local.get $fl))))
              (v128.and (local.get $ahi) (v128.or (f64x2.ge (local.get $bhi) (local.get $mhi)) (f64x2.le (local.get $bhi) (local.get $fl))))))
          (then
            (local.set $r (local.get $k))
            (br $done)))
        (local.set $p (i32.add (local.get $p) (i32.const 32)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $step)))
    (v128.store (i32.const 7200) (local.get $blo))
    (v128.store (i32.const 7216) (local.get $bhi))
    (v128.store (i32.const 7232) (local.get $plo))
    (v128.store (i32.const 7248) (local.get $phi))
    (v128.store (i32.const 7264) (local.get $dlo))
    (v128.store (i32.const 7280) (local.get $dhi))
    (i32.store (i32.const 7380) (local.get $cg))
    (local.get $r))

  ;; The fan chart's passes over a checkpoint table (stats.ts's countBuckets and gatherBuckets, the same
  ;; operations): value x of column c goes to bucket min(trunc((x - min[c]) * scale[c]), 4095) of
  ;; column c. countTable adds 1 to counts[c * 4096 + bucket] (i32) per value; gatherTable copies each
  ;; value whose bucket has next[...] >= 0 to out at that position and advances it.
  (func (export "countTable") (param $data i32) (param $rows i32) (param $cols i32) (param $min i32)
      (param $scale i32) (param $counts i32)
    (local $end i32) (local $c i32) (local $b i32) (local $at i32)
    (local.set $end (i32.add (local.get $data) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 3))))
    (block $done
      (loop $value
        (br_if $done (i32.ge_u (local.get $data) (local.get $end)))
        (local.set $b (i32.trunc_sat_f64_s (f64.mul
          (f64.sub (f64.load (local.get $data)) (f64.load (i32.add (local.get $min) (i32.shl (local.get $c) (i32.const 3)))))
          (f64.load (i32.add (local.get $scale) (i32.shl (local.get $c) (i32.const 3)))))))
        (local.set $b (select (local.get $b) (i32.const 4095) (i32.lt_s (local.get $b) (i32.const 4096))))
        (local.set $at (i32.add (local.get $counts) (i32.shl (i32.add (i32.shl (local.get $c) (i32.const 12)) (local.get $b)) (i32.const 2))))
        (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (i32.const 1)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (if (i32.eq (local.get $c) (local.get $cols)) (then (local.set $c (i32.const 0))))
        (local.set $data (i32.add (local.get $data) (i32.const 8)))
        (br $value))))

  (func (export "gatherTable") (param $data i32) (param $rows i32) (param $cols i32) (param $min i32)
      (param $scale i32) (param $next i32) (param $out i32)
    (local $end i32) (local $c i32) (local $b i32) (local $at i32) (local $slot i32) (local $x f64)
    (local.set $end (i32.add (local.get $data) (i32.shl (i32.mul (local.get $rows) (local.get $cols)) (i32.const 3))))
    (block $done
      (loop $value
        (br_if $done (i32.ge_u (local.get $data) (local.get $end)))
        (local.set $x (f64.load (local.get $data)))
        (local.set $b (i32.trunc_sat_f64_s (f64.mul
          (f64.sub (local.get $x) (f64.load (i32.add (local.get $min) (i32.shl (local.get $c) (i32.const 3)))))
          (f64.load (i32.add (local.get $scale) (i32.shl (local.get $c) (i32.const 3)))))))
        (local.set $b (select (local.get $b) (i32.const 4095) (i32.lt_s (local.get $b) (i32.const 4096))))
        (local.set $slot (i32.add (local.get $next) (i32.shl (i32.add (i32.shl (local.get $c) (i32.const 12)) (local.get $b)) (i32.const 2))))
        (local.set $at (i32.load (local.get $slot)))
        (if (i32.ge_s (local.get $at) (i32.const 0))
          (then
            (f64.store (i32.add (local.get $out) (i32.shl (local.get $at) (i32.const 3))) (local.get $x))
            (i32.store (local.get $slot) (i32.add (local.get $at) (i32.const 1)))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (if (i32.eq (local.get $c) (local.get $cols)) (then (local.set $c (i32.const 0))))
        (local.set $data (i32.add (local.get $data) (i32.const 8)))
        (br $value))))
)
