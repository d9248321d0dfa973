using Xunit;

namespace FluxOnnx.Tests.Pipeline;

/// <summary>Pipeline tests share the stand-in packages.</summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<StandInPackages>
{
    public const string Name = "Pipeline";
}
