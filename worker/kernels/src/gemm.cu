// CompNet's matrix products on an NVIDIA GPU, compiled at run time by NVRTC.
//
// They compute exactly what `cpu::gemm_naive` defines: every output is one running sum over the
// depth, starting from zero, in ascending order, each step a separately rounded multiply and add.
// `__fmul_rn`/`__fadd_rn` are never contracted into a fused multiply-add, and the program is
// compiled with `--fmad=false --ftz=false` as well, so the fp32 bits equal the CPU's.
//
// Tiling: a block of 16×16 threads computes a 64×64 tile of C; each thread owns 4×4 outputs
// (rows ty + 16r, columns tx + 16c) and walks the depth in slices of 16 through shared memory.
// A slice past the end of the depth is never added, not even as zeros: adding +0 to −0 would
// change a sign bit.

#define TILE 64
#define DEPTH 16
#define SIDE 16
#define PER 4

template <typename In, typename Acc> struct Mac;

template <> struct Mac<float, float> {
	static __device__ __forceinline__ float step(float acc, float a, float b) {
		return __fadd_rn(acc, __fmul_rn(a, b));
	}
};

template <> struct Mac<signed char, int> {
	static __device__ __forceinline__ int step(int acc, signed char a, signed char b) {
		return acc + (int)a * (int)b;
	}
};

template <typename In, typename Acc>
__device__ __forceinline__ void gemm_tiled(int m, int n, int k, const In *__restrict__ a,
                                           const In *__restrict__ b, Acc *__restrict__ c) {
	__shared__ In a_tile[DEPTH][TILE];
	__shared__ In b_tile[DEPTH][TILE];
	const int tx = threadIdx.x, ty = threadIdx.y;
	const int thread = ty * SIDE + tx;
	const int row0 = blockIdx.y * TILE, col0 = blockIdx.x * TILE;

	Acc acc[PER][PER];
#pragma unroll
	for (int r = 0; r < PER; ++r)
#pragma unroll
		for (int q = 0; q < PER; ++q) acc[r][q] = Acc(0);

	for (int k0 = 0; k0 < k; k0 += DEPTH) {
#pragma unroll
		for (int l = 0; l < (TILE * DEPTH) / (SIDE * SIDE); ++l) {
			const int idx = thread + l * SIDE * SIDE;
			const int ar = idx / DEPTH, ap = idx % DEPTH;
			const int gr = row0 + ar, gp = k0 + ap;
			a_tile[ap][ar] = (gr < m && gp < k) ? a[(size_t)gr * k + gp] : In(0);
			const int bp = idx / TILE, bc = idx % TILE;
			const int gq = k0 + bp, gc = col0 + bc;
			b_tile[bp][bc] = (gq < k && gc < n) ? b[(size_t)gq * n + gc] : In(0);
		}
		__syncthreads();
		const int depth = min(DEPTH, k - k0);
		if (depth == DEPTH) {
#pragma unroll
			for (int p = 0; p < DEPTH; ++p) {
				In av[PER], bv[PER];
#pragma unroll
				for (int r = 0; r < PER; ++r) av[r] = a_tile[p][ty + SIDE * r];
#pragma unroll
				for (int q = 0; q < PER; ++q) bv[q] = b_tile[p][tx + SIDE * q];
#pragma unroll
				for (int r = 0; r < PER; ++r)
#pragma unroll
					for (int q = 0; q < PER; ++q) acc[r][q] = Mac<In, Acc>::step(acc[r][q], av[r], bv[q]);
			}
		} else {
			for (int p = 0; p < depth; ++p) {
#pragma unroll
				for (int r = 0; r < PER; ++r)
#pragma unroll
					for (int q = 0; q < PER; ++q)
						acc[r][q] = Mac<In, Acc>::step(acc[r][q], a_tile[p][ty + SIDE * r], b_tile[p][tx + SIDE * q]);
			}
		}
		__syncthreads();
	}

#pragma unroll
	for (int r = 0; r < PER; ++r) {
		const int gr = row0 + ty + SIDE * r;
#pragma unroll
		for (int q = 0; q < PER; ++q) {
			const int gc = col0 + tx + SIDE * q;
			if (gr < m && gc < n) c[(size_t)gr * n + gc] = acc[r][q];
		}
	}
}

extern "C" __global__ void compnet_gemm_f32(int m, int n, int k, const float *a, const float *b, float *c) {
	gemm_tiled<float, float>(m, n, k, a, b, c);
}

extern "C" __global__ void compnet_gemm_i8(int m, int n, int k, const signed char *a, const signed char *b, int *c) {
	gemm_tiled<signed char, int>(m, n, k, a, b, c);
}
