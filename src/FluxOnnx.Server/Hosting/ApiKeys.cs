using System.Security.Cryptography;
using System.Text;

namespace FluxOnnx.Server.Hosting;

/// <summary>
/// The bearer keys the server accepts, held as SHA-256 digests and compared in constant time. Read from a key file:
/// one key per line, blank lines and lines starting with <c>#</c> ignored, surrounding whitespace trimmed.
/// </summary>
public sealed class ApiKeys
{
    private readonly byte[][] _digests;

    private ApiKeys(IEnumerable<string> keys) => _digests = keys.Select(Digest).ToArray();

    public static ApiKeys None { get; } = new([]);

    /// <summary>Whether any key is configured (else every request is allowed).</summary>
    public bool Required => _digests.Length > 0;

    public int Count => _digests.Length;

    public static ApiKeys Of(IEnumerable<string> keys) => new(keys);

    /// <summary>Parses a key file's text.</summary>
    /// <exception cref="ArgumentException">The text holds no key.</exception>
    public static ApiKeys Parse(string text)
    {
        var keys = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        if (keys.Length == 0)
        {
            throw new ArgumentException("the API key file holds no key (one per line; # starts a comment)", nameof(text));
        }
        return new ApiKeys(keys);
    }

    /// <summary>Whether an <c>Authorization</c> header value carries an accepted key.</summary>
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var digest = Digest(authorization[scheme.Length..].Trim());
        var accepted = false;
        foreach (var known in _digests)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(known, digest);
        }
        return accepted;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
