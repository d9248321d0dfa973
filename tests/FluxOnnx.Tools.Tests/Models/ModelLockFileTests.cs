using FluxOnnx.Tools.Models;
using Xunit;

namespace FluxOnnx.Tools.Tests.Models;

public sealed class ModelLockFileTests
{
    [Fact]
    public void The_repository_lock_file_loads_with_unique_file_paths_and_roles_per_model()
    {
        var modelLock = ModelLockFile.Load(RepoRoot.LockFile);

        Assert.Equal(1, modelLock.FormatVersion);
        Assert.Equal(
            ["flux1-schnell", "flux1-dev", "flux1-fill-dev", "flux1-canny-dev", "flux1-depth-dev", "flux1-kontext-dev",
             "flux1-redux-dev", "t5-v1_1-xxl", "clip-vit-large-patch14", "ae"],
            modelLock.Models.Select(m => m.Name));
        foreach (var model in modelLock.Models.Where(m => m.Files is not null))
        {
            Assert.Equal(model.Files!.Count, model.Files.Select(f => f.Path).Distinct().Count());
            Assert.Equal(model.Files.Count, model.Files.Select(f => f.Role).Distinct().Count());
        }
    }

    [Fact]
    public void Entries_keep_nulls_as_unconfirmed_and_resolve_a_null_revision_to_main()
    {
        var modelLock = ModelLockFile.Load(RepoRoot.LockFile);

        var dev = modelLock.Get("flux1-dev");
        Assert.Equal("black-forest-labs/FLUX.1-dev", dev.Repository);
        Assert.Equal("transformer", dev.Kind);
        Assert.Equal(Variant.Dev, dev.Variant);
        Assert.Null(dev.Revision);
        Assert.Equal("main", dev.EffectiveRevision);
        Assert.Equal(new LockedFile("flux1-dev.safetensors", "transformer", null, null), dev.FindRole("transformer"));
        Assert.Equal(new LockedFile("ae.safetensors", "ae", null, null), dev.FindRole("ae"));
        Assert.Equal(new LockedArchitecture(64, true, 19, 38, 3072), dev.Architecture);
        Assert.False(modelLock.Get("flux1-schnell").Architecture!.GuidanceEmbed);
        Assert.Equal(384, modelLock.Get("flux1-fill-dev").Architecture!.InChannels);
        var t5 = modelLock.Get("t5-v1_1-xxl");
        Assert.Null(t5.Files);
        Assert.Null(t5.Variant);
        Assert.Null(t5.FindRole("t5"));
    }

    [Fact]
    public void An_unknown_model_name_is_a_typed_error_listing_the_known_names()
    {
        var modelLock = ModelLockFile.Load(RepoRoot.LockFile);

        var error = Assert.Throws<ModelLockException>(() => modelLock.Get("flux2-dev"));

        Assert.Equal(ModelLockError.UnknownModel, error.Reason);
        Assert.Equal(RepoRoot.LockFile, error.FilePath);
        Assert.Equal(modelLock.Models.Select(m => m.Name), error.KnownNames);
        Assert.Contains("'flux2-dev'", error.Message);
        Assert.Contains("flux1-dev, flux1-fill-dev", error.Message);
    }

    [Fact]
    public void A_missing_file_is_unreadable()
    {
        string path = Path.Combine(Path.GetTempPath(), "fluxonnx-no-such-lock-" + Guid.NewGuid().ToString("N") + ".json");

        var error = Assert.Throws<ModelLockException>(() => ModelLockFile.Load(path));

        Assert.Equal(ModelLockError.Unreadable, error.Reason);
        Assert.Equal(path, error.FilePath);
        Assert.Null(error.JsonPath);
    }
}
