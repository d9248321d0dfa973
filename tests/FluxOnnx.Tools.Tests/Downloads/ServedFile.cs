namespace FluxOnnx.Tools.Tests.Downloads;

/// <summary>A file <see cref="FakeHubServer"/> serves, with switches that make it misbehave.</summary>
internal sealed class ServedFile(byte[] content)
{
    public byte[] Content { get; } = content;

    private int _dropTimes;
    private int _stallTimes;

    /// <summary>While positive, each GET sends the headers (full length) and <see cref="CutAfterBytes"/> body bytes, then drops the connection.</summary>
    public int DropTimes { get => Volatile.Read(ref _dropTimes); set => Volatile.Write(ref _dropTimes, value); }

    /// <summary>Body bytes sent before a drop or a stall.</summary>
    public int CutAfterBytes { get; set; }

    /// <summary>Answer every request with 200 and the whole file, whatever its Range header says.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Flip one byte of the body (same length): a sha256 mismatch.</summary>
    public bool Corrupt { get; set; }

    /// <summary>While positive, each GET sends <see cref="CutAfterBytes"/> bytes, then waits (bounded) for the client to go away.</summary>
    public int StallTimes { get => Volatile.Read(ref _stallTimes); set => Volatile.Write(ref _stallTimes, value); }

    /// <summary>Answer with 302 to this server path (the hub redirects resolve URLs to its CDN this way).</summary>
    public string? RedirectTo { get; set; }

    /// <summary>Answer with this status and no body.</summary>
    public int? Status { get; set; }

    /// <summary>Consumes one drop; false once <see cref="DropTimes"/> is used up.</summary>
    public bool TakeDrop() => Interlocked.Decrement(ref _dropTimes) >= 0;

    /// <summary>Consumes one stall; false once <see cref="StallTimes"/> is used up.</summary>
    public bool TakeStall() => Interlocked.Decrement(ref _stallTimes) >= 0;
}
