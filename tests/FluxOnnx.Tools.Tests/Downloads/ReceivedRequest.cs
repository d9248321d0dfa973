namespace FluxOnnx.Tools.Tests.Downloads;

/// <summary>A request <see cref="FakeHubServer"/> received and the status it answered.</summary>
internal sealed record ReceivedRequest(string Path, string? Range, string? Authorization, int Status);
