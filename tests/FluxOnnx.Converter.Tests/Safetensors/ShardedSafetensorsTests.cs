using FluxOnnx.TestSupport;
using FluxOnnx.Converter.Safetensors;
using FluxOnnx.Converter.Numerics;
using Xunit;

namespace FluxOnnx.Converter.Tests.Safetensors;

public sealed class ShardedSafetensorsTests : IDisposable
{
    private const string Shard1 = "model-00001-of-00002.safetensors";
    private const string Shard2 = "model-00002-of-00002.safetensors";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private void WriteShard(string file, params (string Name, float Value)[] tensors)
    {
        using var writer = SafetensorsWriter.Create(_dir.File(file), tensors.Select(t => new SafetensorsTensorDeclaration(t.Name, ElementType.Float, 2)));
        foreach (SafetensorsTensorDeclaration d in writer.WriteOrder)
        {
            float value = tensors.Single(t => t.Name == d.Name).Value;
            writer.WriteTensor<float>(d.Name, [value, -value]);
        }
        writer.Complete();
    }

    private string WriteIndex(string weightMap, string extra = """ "metadata": {"total_size": 32, "note": "x"}, """)
    {
        string path = _dir.File("model.safetensors.index.json");
        File.WriteAllText(path, "{" + extra + "\"weight_map\": {" + weightMap + "}}");
        return path;
    }

    private string TwoShardCheckpoint()
    {
        WriteShard(Shard1, ("a.weight", 1f), ("b.weight", 2f));
        WriteShard(Shard2, ("c.weight", 3f), ("d.weight", 4f));
        return WriteIndex($"""
            "a.weight": "{Shard1}", "b.weight": "{Shard1}", "c.weight": "{Shard2}", "d.weight": "{Shard2}"
            """);
    }

    [Fact]
    public void Presents_two_shards_as_one_set_of_tensors()
    {
        using var checkpoint = ShardedSafetensors.Open(TwoShardCheckpoint());
        Assert.Equal(2, checkpoint.Shards.Count);
        Assert.Equal(["a.weight", "b.weight", "c.weight", "d.weight"], checkpoint.Tensors.Select(t => t.Name));
        Assert.Equal(32, checkpoint.TotalTensorBytes);
        Assert.Equal(8, checkpoint.LargestTensorBytes);
        Assert.Equal("32", checkpoint.Metadata["total_size"]);
        Assert.Equal("x", checkpoint.Metadata["note"]);
        Assert.EndsWith(Shard2, checkpoint.GetShard("c.weight").FilePath);

        var values = new float[2];
        checkpoint.ReadAsFloat32("c.weight", 0, values);
        Assert.Equal(new[] { 3f, -3f }, values);
        checkpoint.ReadAsFloat32("a.weight", values);
        Assert.Equal(new[] { 1f, -1f }, values);
        Assert.True(checkpoint.TryGet("b.weight", out ReadOnlySpan<float> b));
        Assert.Equal(new[] { 2f, -2f }, b.ToArray());
        Assert.Equal(8, checkpoint.GetBytes("d.weight").Length);
        Assert.Equal(SafetensorsAccessError.TensorNotFound,
            Assert.Throws<SafetensorsAccessException>(() => checkpoint.GetInfo("e.weight")).Reason);
    }

    [Fact]
    public void A_missing_shard_is_a_typed_error()
    {
        WriteShard(Shard1, ("a.weight", 1f));
        string index = WriteIndex($""" "a.weight": "{Shard1}", "b.weight": "{Shard2}" """);
        var error = Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(index));
        Assert.Equal(SafetensorsFormatError.MissingShard, error.Reason);
        Assert.Equal(_dir.File(Shard2), error.FilePath);
        Assert.Equal("b.weight", error.TensorName);
    }

    [Fact]
    public void A_tensor_stored_in_two_shards_is_a_typed_error()
    {
        WriteShard(Shard1, ("a.weight", 1f), ("b.weight", 2f));
        WriteShard(Shard2, ("b.weight", 3f));
        string index = WriteIndex($""" "a.weight": "{Shard1}", "b.weight": "{Shard2}" """);
        var error = Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(index));
        Assert.Equal(SafetensorsFormatError.TensorInTwoShards, error.Reason);
        Assert.Equal("b.weight", error.TensorName);
        Assert.Equal(_dir.File(Shard1), error.Expected);
        Assert.Equal(_dir.File(Shard2), error.Actual);
    }

    [Fact]
    public void Index_and_shards_must_agree()
    {
        WriteShard(Shard1, ("a.weight", 1f), ("b.weight", 2f));
        WriteShard(Shard2, ("c.weight", 3f));
        var misplaced = Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(
            WriteIndex($""" "a.weight": "{Shard1}", "b.weight": "{Shard2}", "c.weight": "{Shard2}" """)));
        Assert.Equal(SafetensorsFormatError.TensorMissingFromShard, misplaced.Reason);
        Assert.Equal("b.weight", misplaced.TensorName);

        var unlisted = Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(
            WriteIndex($""" "a.weight": "{Shard1}", "c.weight": "{Shard2}" """)));
        Assert.Equal(SafetensorsFormatError.TensorNotInIndex, unlisted.Reason);
        Assert.Equal("b.weight", unlisted.TensorName);
    }

    [Theory]
    [InlineData(""" "a.weight": 3 """, SafetensorsFormatError.InvalidIndex)]
    [InlineData(""" "a.weight": "../model.safetensors" """, SafetensorsFormatError.InvalidIndex)]
    [InlineData(""" "a.weight": "/etc/model.safetensors" """, SafetensorsFormatError.InvalidIndex)]
    [InlineData(""" "a.weight": "x.safetensors", "a.weight": "y.safetensors" """, SafetensorsFormatError.DuplicateKey)]
    public void Malformed_indexes_are_typed_errors(string weightMap, SafetensorsFormatError reason)
    {
        var error = Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(WriteIndex(weightMap)));
        Assert.Equal(reason, error.Reason);
        Assert.Equal("a.weight", error.TensorName);
    }

    [Fact]
    public void An_index_without_weight_map_or_with_bad_json_is_invalid()
    {
        string path = _dir.File("broken.index.json");
        File.WriteAllText(path, """{"metadata": {}}""");
        Assert.Equal(SafetensorsFormatError.InvalidIndex, Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(path)).Reason);
        File.WriteAllText(path, """{"weight_map": {""");
        Assert.Equal(SafetensorsFormatError.InvalidIndex, Assert.Throws<SafetensorsFormatException>(() => ShardedSafetensors.Open(path)).Reason);
    }
}
