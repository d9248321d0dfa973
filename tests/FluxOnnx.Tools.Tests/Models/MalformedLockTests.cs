using System.Text;
using FluxOnnx.Tools.Models;
using Xunit;

namespace FluxOnnx.Tools.Tests.Models;

public sealed class MalformedLockTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private const string GoodFile = """{ "path": "m.safetensors", "role": "transformer", "bytes": 10, "sha256": null }""";

    private static string Lock(string files = GoodFile, string extraModel = "", string version = "1") => $$"""
        { "format_version": {{version}}, "note": null, "models": [
          { "name": "m", "kind": "transformer", "variant": "dev", "repository": "o/r", "revision": null,
            "files": [ {{files}} ], "source": "s", "note": null }{{extraModel}} ] }
        """;

    [Fact]
    public void The_minimal_lock_these_cases_break_is_valid()
    {
        var modelLock = ModelLockFile.Parse(Encoding.UTF8.GetBytes(Lock($"{GoodFile}, {GoodFile.Replace("m.s", "ae.s").Replace("transformer", "ae").Replace("null", $"\"{Sha}\"")}")), "lock.json");

        var model = Assert.Single(modelLock.Models);
        Assert.Equal([new LockedFile("m.safetensors", "transformer", 10, null), new LockedFile("ae.safetensors", "ae", 10, Sha)], model.Files);
    }

    public static TheoryData<string, ModelLockError, string> Cases => new()
    {
        { """{ "format_version": 1, "models": [ """, ModelLockError.InvalidJson, "$" },
        { """{ "format_version": 1, "models": [] } []""", ModelLockError.InvalidJson, "$" },
        { Lock(version: "2"), ModelLockError.UnsupportedFormatVersion, "$.format_version" },
        { Lock(version: "\"1\""), ModelLockError.InvalidField, "$.format_version" },
        { """{ "format_version": 1 }""", ModelLockError.MissingField, "$.models" },
        { """{ "format_version": 1, "models": {} }""", ModelLockError.InvalidField, "$.models" },
        { """{ "format_version": 1, "models": [], "modles": [] }""", ModelLockError.InvalidField, "$.modles" },
        { """{ "format_version": 1, "format_version": 1, "models": [] }""", ModelLockError.InvalidJson, "$.format_version" },
        { Lock().Replace("\"repository\": \"o/r\",", ""), ModelLockError.MissingField, "$.models[0].repository" },
        { Lock().Replace("\"o/r\"", "\"just-a-name\""), ModelLockError.InvalidValue, "$.models[0].repository" },
        { Lock().Replace("\"name\": \"m\"", "\"name\": \"\""), ModelLockError.InvalidValue, "$.models[0].name" },
        { Lock().Replace("\"revision\": null", "\"revision\": 5"), ModelLockError.InvalidField, "$.models[0].revision" },
        { Lock().Replace("\"variant\": \"dev\"", "\"variant\": \"Dev\""), ModelLockError.InvalidValue, "$.models[0].variant" },
        { Lock(GoodFile.Replace("10", "\"10\"")), ModelLockError.InvalidField, "$.models[0].files[0].bytes" },
        { Lock(GoodFile.Replace("10", "-1")), ModelLockError.InvalidValue, "$.models[0].files[0].bytes" },
        { Lock(GoodFile.Replace("10", "1.5")), ModelLockError.InvalidField, "$.models[0].files[0].bytes" },
        { Lock(GoodFile.Replace("null", "\"ABC\"")), ModelLockError.InvalidValue, "$.models[0].files[0].sha256" },
        { Lock(GoodFile.Replace("null", $"\"{Sha.ToUpperInvariant()}\"")), ModelLockError.InvalidValue, "$.models[0].files[0].sha256" },
        { Lock(GoodFile.Replace("m.safetensors", "../m.safetensors")), ModelLockError.InvalidValue, "$.models[0].files[0].path" },
        { Lock(GoodFile.Replace("m.safetensors", "/abs/m.safetensors")), ModelLockError.InvalidValue, "$.models[0].files[0].path" },
        { Lock(GoodFile.Replace("m.safetensors", "a\\\\m.safetensors")), ModelLockError.InvalidValue, "$.models[0].files[0].path" },
        { Lock(GoodFile.Replace("\"role\": \"transformer\",", "")), ModelLockError.MissingField, "$.models[0].files[0].role" },
        { Lock(GoodFile.Replace("\"sha256\"", "\"sha1\"")), ModelLockError.InvalidField, "$.models[0].files[0].sha1" },
        { Lock("42"), ModelLockError.InvalidField, "$.models[0].files[0]" },
        { Lock($"{GoodFile}, {GoodFile.Replace("transformer", "ae")}"), ModelLockError.DuplicateFile, "$.models[0].files[1]" },
        { Lock($"{GoodFile}, {GoodFile.Replace("m.s", "n.s")}"), ModelLockError.DuplicateFile, "$.models[0].files[1]" },
        { Lock(extraModel: """, { "name": "m", "kind": "ae", "repository": "o/r2" }"""), ModelLockError.DuplicateModel, "$.models[1].name" },
        { Lock(extraModel: """, { "name": "x", "kind": "ae", "repository": "o/r", "architecture": { "depth": 19 } }"""),
            ModelLockError.MissingField, "$.models[1].architecture.in_channels" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_malformed_lock_names_the_rule_the_file_and_the_json_path(string json, ModelLockError reason, string jsonPath)
    {
        var error = Assert.Throws<ModelLockException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json), "/locks/models.lock.json"));

        Assert.Equal(reason, error.Reason);
        Assert.Equal("/locks/models.lock.json", error.FilePath);
        Assert.Equal(jsonPath, error.JsonPath);
        Assert.StartsWith($"Model lock '/locks/models.lock.json' at {jsonPath}: {error.Problem}", error.Message);
    }

    [Fact]
    public void An_unknown_variant_names_the_variants_a_lock_may_give()
    {
        var json = Lock().Replace("\"variant\": \"dev\"", "\"variant\": \"flux2-dev\"");
        var error = Assert.Throws<ModelLockException>(() => ModelLockFile.Parse(Encoding.UTF8.GetBytes(json), "lock.json"));
        Assert.Equal("expected one of schnell, dev, fill, canny, depth, kontext, redux, got 'flux2-dev'", error.Problem);
    }
}
