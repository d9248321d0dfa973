using Xunit;

namespace FluxOnnx.Graphs.Tests.Autoencoder;

/// <summary>Autoencoder tests share one <see cref="AeFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AeCollection : ICollectionFixture<AeFixture>
{
    public const string Name = "Autoencoder";
}
