using FluxOnnx.TestSupport;
using System.Security.Cryptography;
using FluxOnnx.Tools.Models;
using Xunit;

namespace FluxOnnx.Tools.Tests.Models;

public sealed class ModelLockCheckerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly byte[] _content = Seeded(3 << 20, seed: 31);
    private readonly string _sha;
    private readonly string _file;

    public ModelLockCheckerTests()
    {
        _sha = Convert.ToHexStringLower(SHA256.HashData(_content));
        _file = _dir.File("model.safetensors");
        File.WriteAllBytes(_file, _content);
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] Seeded(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static ModelLockEntry Entry(params LockedFile[] files) =>
        new("m", "transformer", Variant.Dev, "o/r", null, files, null, null, null);

    private LockedFileCheck CheckOne(LockedFile locked, string role = "transformer") =>
        Assert.Single(ModelLockChecker.Check(Entry(locked), new Dictionary<string, string> { [role] = _file }));

    [Fact]
    public void Matching_size_and_sha256_is_verified()
    {
        var locked = new LockedFile("model.safetensors", "transformer", _content.Length, _sha);

        Assert.Equal(new LockedFileCheck("transformer", _file, LockedFileStatus.Verified, locked, _content.Length, _sha, null), CheckOne(locked));
    }

    [Fact]
    public void A_different_sha256_is_a_mismatch_with_expected_and_actual()
    {
        string wrong = new('0', 64);
        var check = CheckOne(new LockedFile("model.safetensors", "transformer", _content.Length, wrong));

        Assert.Equal(LockedFileStatus.Mismatch, check.Status);
        Assert.Equal(MismatchedProperty.Sha256, check.Mismatch);
        Assert.Equal(wrong, check.Expected);
        Assert.Equal(_sha, check.Actual);
    }

    [Fact]
    public void A_different_size_is_a_mismatch_found_without_hashing()
    {
        var check = CheckOne(new LockedFile("model.safetensors", "transformer", 1234, _sha));

        Assert.Equal(LockedFileStatus.Mismatch, check.Status);
        Assert.Equal(MismatchedProperty.Size, check.Mismatch);
        Assert.Equal("1234", check.Expected);
        Assert.Equal(_content.Length.ToString(), check.Actual);
        Assert.Null(check.ActualSha256);
    }

    [Fact]
    public void A_null_sha256_is_unverified_never_passed_and_still_reports_the_actual_hash()
    {
        var sized = CheckOne(new LockedFile("model.safetensors", "transformer", _content.Length, null));
        var unsized = CheckOne(new LockedFile("model.safetensors", "transformer", null, null));
        var wrongSize = CheckOne(new LockedFile("model.safetensors", "transformer", 7, null));

        Assert.Equal(LockedFileStatus.Unverified, sized.Status);
        Assert.Equal(LockedFileStatus.Unverified, unsized.Status);
        Assert.Equal(_sha, unsized.ActualSha256);
        Assert.Null(unsized.Mismatch);
        // The size the lock does confirm is still checked.
        Assert.Equal(LockedFileStatus.Mismatch, wrongSize.Status);
        Assert.Equal(MismatchedProperty.Size, wrongSize.Mismatch);
    }

    [Fact]
    public void A_role_the_lock_does_not_list_is_unknown()
    {
        var check = CheckOne(new LockedFile("model.safetensors", "transformer", _content.Length, _sha), role: "t5");
        var noFileList = Assert.Single(ModelLockChecker.Check(
            new ModelLockEntry("t5", "t5", null, "o/t5", null, null, null, null, null), new Dictionary<string, string> { ["t5"] = _file }));

        Assert.Equal(new LockedFileCheck("t5", _file, LockedFileStatus.Unknown, null, _content.Length, _sha, null), check);
        Assert.Equal(LockedFileStatus.Unknown, noFileList.Status);
    }

    [Fact]
    public void Enforcing_throws_the_first_mismatch_after_checking_every_file()
    {
        string other = _dir.File("ae.safetensors");
        File.WriteAllBytes(other, Seeded(100, seed: 32));
        var entry = Entry(
            new LockedFile("model.safetensors", "transformer", _content.Length, _sha),
            new LockedFile("ae.safetensors", "ae", 100, new string('a', 64)));
        var files = new Dictionary<string, string> { ["transformer"] = _file, ["ae"] = other };

        var error = Assert.Throws<ModelFileMismatchException>(
            () => ModelLockChecker.Check(entry, files, enforcement: LockEnforcement.ThrowOnMismatch));

        Assert.Equal(other, error.FilePath);
        Assert.Equal("ae", error.Role);
        Assert.Equal(MismatchedProperty.Sha256, error.Property);
        Assert.Equal(new string('a', 64), error.Expected);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(other))), error.Actual);
        Assert.Null(error.Url);
        Assert.Equal(
            [LockedFileStatus.Verified, LockedFileStatus.Mismatch],
            ModelLockChecker.Check(entry, files).Select(c => c.Status));
    }

    [Fact]
    public void Progress_reports_hashed_bytes_of_the_file_size_per_role()
    {
        var reports = new List<LockCheckProgress>();
        var progress = new SynchronousProgress<LockCheckProgress>(reports.Add);

        ModelLockChecker.Check(Entry(new LockedFile("model.safetensors", "transformer", null, null)),
            new Dictionary<string, string> { ["transformer"] = _file }, progress);

        // 1 MiB reads of a 3 MiB file.
        Assert.Equal([1 << 20, 2 << 20, 3 << 20], reports.Select(r => r.BytesDone));
        Assert.All(reports, r => Assert.Equal(new LockCheckProgress("transformer", _file, r.BytesDone, 3 << 20), r));
    }

    [Fact]
    public void A_missing_file_is_file_not_found_and_cancellation_is_honoured()
    {
        var entry = Entry(new LockedFile("model.safetensors", "transformer", null, null));
        string missing = _dir.File("missing.safetensors");

        var error = Assert.Throws<FileNotFoundException>(
            () => ModelLockChecker.Check(entry, new Dictionary<string, string> { ["transformer"] = missing }));
        Assert.Equal(missing, error.FileName);
        Assert.ThrowsAny<OperationCanceledException>(
            () => ModelLockChecker.Check(entry, new Dictionary<string, string> { ["transformer"] = _file }, null, new CancellationToken(canceled: true)));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
