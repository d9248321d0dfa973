using Xunit;

namespace FluxOnnx.Graphs.Tests.TextEncoders;

/// <summary>Text-encoder tests share one <see cref="TextEncoderFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class TextEncoderCollection : ICollectionFixture<TextEncoderFixture>
{
    public const string Name = "TextEncoders";
}
