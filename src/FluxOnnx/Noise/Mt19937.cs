namespace FluxOnnx.Noise;

/// <summary>
/// The 32-bit Mersenne Twister exactly as PyTorch's CPU generator runs it
/// (pytorch/pytorch <c>aten/src/ATen/core/MT19937RNGEngine.h</c>, <c>at::mt19937_engine</c>).
/// </summary>
/// <remarks>
/// Seeding uses only the low 32 bits of the 64-bit seed (<c>init_with_uint32</c>: state[0] = seed &amp; 0xffffffff,
/// state[j] = 1812433253 · (state[j−1] ⊕ (state[j−1] ≫ 30)) + j), and the first draw regenerates the whole
/// state block (<c>left = 1</c>). The output sequence therefore equals the classic mt19937 (and
/// <c>std::mt19937</c>) for the same 32-bit seed. Not thread-safe: one instance per consumer.
/// </remarks>
public sealed class Mt19937
{
    /// <summary>Default seed of <c>at::mt19937_engine</c> (and of <c>std::mt19937</c>).</summary>
    public const ulong DefaultSeed = 5489;

    private const int N = 624;          // MERSENNE_STATE_N
    private const int M = 397;          // MERSENNE_STATE_M
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    private readonly uint[] _state = new uint[N];
    private int _left;
    private int _next;

    /// <summary>Seeds the engine like <c>torch.Generator().manual_seed(seed)</c> does.</summary>
    public Mt19937(ulong seed = DefaultSeed)
    {
        Seed = seed;
        _state[0] = (uint)(seed & 0xffffffff);
        for (var j = 1; j < N; j++)
        {
            var prev = _state[j - 1];
            _state[j] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)j);
        }
        _left = 1;
        _next = 0;
    }

    /// <summary>The full 64-bit seed as given (torch's <c>initial_seed()</c>); only its low 32 bits shape the stream.</summary>
    public ulong Seed { get; }

    /// <summary>Next tempered 32-bit output (<c>operator()</c> of the engine).</summary>
    public uint NextUInt32()
    {
        if (--_left == 0)
        {
            Regenerate();
        }
        var y = _state[_next++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    private static uint Twist(uint u, uint v) =>
        (((u & UpperMask) | (v & LowerMask)) >> 1) ^ ((v & 1) != 0 ? MatrixA : 0u);

    private void Regenerate()
    {
        // Same three loops as next_state(): the last element twists with the already-updated state[0].
        var s = _state;
        var p = 0;
        for (; p < N - M; p++)
        {
            s[p] = s[p + M] ^ Twist(s[p], s[p + 1]);
        }
        for (; p < N - 1; p++)
        {
            s[p] = s[p + M - N] ^ Twist(s[p], s[p + 1]);
        }
        s[p] = s[p + M - N] ^ Twist(s[p], s[0]);
        _left = N;
        _next = 0;
    }
}
