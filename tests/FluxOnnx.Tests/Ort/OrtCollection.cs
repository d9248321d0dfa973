using Xunit;

namespace FluxOnnx.Tests.Ort;

/// <summary>Binding tests share one <see cref="OrtFixture"/> and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class OrtCollection : ICollectionFixture<OrtFixture>
{
    public const string Name = "Ort";
}
