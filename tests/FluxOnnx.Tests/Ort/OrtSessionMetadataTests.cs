using FluxOnnx.Graphs.Onnx;
using FluxOnnx.Ort;
using Google.Protobuf;
using Xunit;
using DataType = FluxOnnx.Graphs.Onnx.TensorProto.Types.DataType;

namespace FluxOnnx.Tests.Ort;

[Collection(OrtCollection.Name)]
public sealed class OrtSessionMetadataTests
{
    private readonly OrtFixture _ort;

    public OrtSessionMetadataTests(OrtFixture ort) => _ort = ort;

    [Fact]
    public void Inputs_and_outputs_report_names_types_and_symbolic_dimensions()
    {
        using var session = _ort.Open(TestModels.AddFloat(), "meta_add.onnx");

        Assert.Equal(new[] { "A", "B" }, session.Inputs.Select(i => i.Name));
        var a = session.Inputs[0];
        Assert.Equal(OrtValueKind.Tensor, a.Kind);
        Assert.Equal(OrtElementType.Float, a.ElementType);
        Assert.Equal(new[] { new OrtDimension(-1, "batch"), new OrtDimension(3, "") }, a.Shape);
        Assert.False(a.Shape[0].IsFixed);
        var y = Assert.Single(session.Outputs);
        Assert.Equal("Y", y.Name);
        Assert.Equal("batch", y.Shape[0].SymbolicName);
    }

    [Fact]
    public void Model_metadata_carries_producer_graph_version_and_custom_entries()
    {
        var model = TestModels.AddFloat();
        model.Domain = "ai.fluxonnx.test";
        model.DocString = "adds two tensors";
        model.ModelVersion = 7;
        model.MetadataProps.Add(new StringStringEntryProto { Key = "flux.variant", Value = "schnell" });
        model.MetadataProps.Add(new StringStringEntryProto { Key = "flux.precision", Value = "fp8" });

        using var session = _ort.Open(model, "meta_props.onnx");
        var metadata = session.Metadata;

        Assert.Equal("fluxonnx-tests", metadata.ProducerName);
        Assert.Equal("test_graph", metadata.GraphName);
        Assert.Equal("ai.fluxonnx.test", metadata.Domain);
        Assert.Equal("adds two tensors", metadata.Description);
        Assert.Equal(7, metadata.Version);
        Assert.Equal(2, metadata.CustomMetadata.Count);
        Assert.Equal("schnell", metadata.CustomMetadata["flux.variant"]);
        Assert.Equal("fp8", metadata.CustomMetadata["flux.precision"]);
    }

    [Fact]
    public void Free_dimension_override_makes_the_named_dimension_fixed()
    {
        using var options = new OrtSessionOptions(_ort.Library);
        options.AddFreeDimensionOverride("batch", 2);

        using var session = _ort.Open(TestModels.AddFloat(), "meta_override.onnx", options);

        Assert.Equal(2, session.Inputs[0].Shape[0].Value);
        Assert.True(session.Inputs[0].Shape[0].IsFixed);
        Assert.Equal(2, session.Inputs[1].Shape[0].Value);
    }

    [Fact]
    public void Optimized_model_path_writes_a_loadable_model_file()
    {
        var optimized = Path.Combine(_ort.Directory, "meta_optimized.onnx");
        using var options = new OrtSessionOptions(_ort.Library);
        options.SetGraphOptimizationLevel(OrtGraphOptimizationLevel.Extended);
        options.SetOptimizedModelPath(optimized);

        using var session = _ort.Open(TestModels.AddFloat(), "meta_source.onnx", options);

        var written = ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimized));
        Assert.Equal("Add", Assert.Single(written.Graph.Node).OpType);
        Assert.Equal(new[] { "A", "B" }, written.Graph.Input.Select(i => i.Name));
    }

    [Fact]
    public void Session_option_toggles_are_accepted_and_the_session_still_computes()
    {
        using var options = new OrtSessionOptions(_ort.Library);
        options.SetIntraOpThreads(1);
        options.SetInterOpThreads(1);
        options.SetMemoryPattern(false);
        options.SetCpuMemoryArena(false);
        options.AddConfigEntry("session.disable_prepacking", "1");
        options.SetLogSeverity(OrtLogLevel.Error);
        options.SetLogId("toggles");
        options.SetGraphOptimizationLevel(OrtGraphOptimizationLevel.Disabled);

        using var session = _ort.Open(TestModels.Cast(DataType.Int64, DataType.Float), "meta_toggles.onnx", options);
        using var x = OrtValue.CreateTensor(_ort.Library, new long[] { -3, 0, 5 }.AsMemory(), [3]);
        using var outputs = session.Run([new("X", x)]);

        Assert.Equal(new[] { -3f, 0f, 5f }, outputs["Y"].GetTensorData<float>().ToArray());
    }

    [Fact]
    public void Verbose_session_log_severity_delivers_messages_to_the_environment_logger()
    {
        using var options = new OrtSessionOptions(_ort.Library);
        options.SetLogSeverity(OrtLogLevel.Verbose);
        options.SetLogId("verbose-session");
        var before = _ort.Messages.Count;

        using var session = _ort.Open(TestModels.AddFloat(), "meta_logging.onnx", options);

        var received = _ort.Messages.Skip(before).ToArray();
        Assert.NotEmpty(received);
        Assert.Contains(received, m => m.Level == OrtLogLevel.Verbose && m.Message.Length > 0);
    }

    [Fact]
    public void Invalid_model_bytes_throw_ort_exception_with_invalid_protobuf()
    {
        var path = Path.Combine(_ort.Directory, "meta_garbage.onnx");
        File.WriteAllBytes(path, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02 });

        var error = Assert.Throws<OrtException>(() => new OrtSession(_ort.Environment, path));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
        Assert.NotEmpty(error.OrtMessage);
    }

    [Fact]
    public void Missing_model_file_throws_ort_exception_with_no_such_file()
    {
        var path = Path.Combine(_ort.Directory, "meta_absent.onnx");

        var error = Assert.Throws<OrtException>(() => new OrtSession(_ort.Environment, path));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
    }
}
