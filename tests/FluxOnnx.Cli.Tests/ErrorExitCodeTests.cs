using System.Reflection;
using FluxOnnx.Tools.Benchmarking;
using FluxOnnx.Tools.Comparison;
using FluxOnnx.Converter.Conversion;
using FluxOnnx.Tools.Downloads;
using FluxOnnx.Pipeline;
using FluxOnnx.TestSupport;
using Xunit;

namespace FluxOnnx.Cli.Tests;

/// <summary>
/// How each kind of failure ends the process (CliErrors): the user's errors exit 2 with one line naming the flag,
/// cancellation 130, anything else 70 with its stack trace.
/// </summary>
public sealed class ErrorExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-err-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Err) Report(Exception e)
    {
        var stderr = new StringWriter();
        var exit = CliErrors.Report(e, stderr);
        return (exit, stderr.ToString());
    }

    [Fact]
    public void A_request_field_is_spelled_as_the_flag_that_sets_it()
    {
        var (exit, err) = Report(new InvalidGenerateRequestException(nameof(GenerateRequest.ControlFrom), "an image file", "null"));
        Assert.Equal((2, "flux: --control-from: expected an image file, got null.\n"), (exit, err));

        var (convertExit, convertErr) = Report(new ConversionException("Quantization.BlockSize", "a power of two from 16 to 256", "48"));
        Assert.Equal((2, "flux: --block-size: expected a power of two from 16 to 256, got 48.\n"), (convertExit, convertErr));

        Assert.Equal("flux: --runs: expected at least 1, got 0.\n",
            Report(new InvalidBenchmarkRequestException(nameof(BenchmarkRequest.Runs), "at least 1", "0")).Err);
    }

    [Fact]
    public void A_field_without_a_flag_keeps_its_camel_case_name()
    {
        var (exit, err) = Report(new InvalidGenerateRequestException(nameof(GenerateRequest.Tokens), "one entry", "2 entries"));
        Assert.Equal((2, "flux: tokens: expected one entry, got 2 entries.\n"), (exit, err));
    }

    [Fact]
    public void Every_mapped_field_names_a_real_member_of_its_request()
    {
        var records = new[] { typeof(GenerateRequest), typeof(ConvertRequest), typeof(BenchmarkRequest), typeof(CompareRequest), typeof(DownloadOptions) }
            .ToDictionary(t => t.Name);
        var broken = FieldFlags.Fields.Where(f => !records.TryGetValue(f.Request, out var type) || !HasMemberPath(type, f.Member)).ToList();
        Assert.Empty(broken);
    }

    private static bool HasMemberPath(Type type, string path)
    {
        foreach (var segment in path.Split('.'))
        {
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return false;
            }
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    [Fact]
    public void A_library_argument_exception_is_a_bug_with_exit_70_and_its_stack_trace()
    {
        var (exit, err) = Report(Thrown(() => throw new ArgumentException("the span is empty", "values")));
        Assert.Equal(70, exit);
        Assert.StartsWith("flux: internal error (a bug in flux; please report it with this trace): System.ArgumentException: the span is empty (Parameter 'values')", err);
        Assert.Contains("   at FluxOnnx.Cli.Tests.ErrorExitCodeTests", err);
    }

    [Fact]
    public void An_invalid_operation_is_a_bug_too()
    {
        var (exit, err) = Report(Thrown(() => throw new InvalidOperationException("the observer missed a stage")));
        Assert.Equal(70, exit);
        Assert.Contains("System.InvalidOperationException: the observer missed a stage", err);
    }

    [Fact]
    public void Cancellation_exits_130()
    {
        Assert.Equal((130, "flux: cancelled\n"), Report(new OperationCanceledException()));
        Assert.Equal(130, Report(new TaskCanceledException()).Exit);
    }

    [Fact]
    public void Bcl_errors_on_user_paths_exit_2_with_one_line()
    {
        Assert.Equal((2, "flux: /x/ae.json: Could not find file.\n"), Report(new FileNotFoundException("Could not find file.", "/x/ae.json")));
        Assert.Equal((2, "flux: Could not find a part of the path '/x/y'.\n"), Report(new DirectoryNotFoundException("Could not find a part of the path '/x/y'.")));
        Assert.Equal((2, "flux: Access to the path '/x' is denied.\n"), Report(new UnauthorizedAccessException("Access to the path '/x' is denied.")));
    }

    /// <summary>Each fails before touching a file: a usage error of the CLI, then library request errors whose field
    /// is spelled as the flag.</summary>
    [Theory]
    [InlineData("flux: --batch must be at least 1, got 0", "generate", "x", "--batch", "0")]
    [InlineData("flux: --endpoint: expected an absolute URL, got 'mirror/hf'.", "pull", "flux1-schnell", "--endpoint", "mirror/hf", "--output", "never")]
    [InlineData("flux: --prompts: expected at least 1 (or an inputs file), got 0.", "compare", "a", "b", "--prompts", "0", "--json", "never.json")]
    public async Task A_bad_flag_value_exits_2_with_exactly_one_line(string line, params string[] args)
    {
        var (exit, _, stderr) = await CliRunner.RunAsync(args);
        Assert.Equal((2, line + "\n"), (exit, stderr));
    }

    [Theory]
    [InlineData("--precision", "fp12", "fp32, fp16, bf16, fp8, int8, int4")]
    [InlineData("--precision", "INT8", "fp32, fp16, bf16, fp8, int8, int4")]
    [InlineData("--target", "foo", "cpu, cuda, directml, tensorrt")]
    [InlineData("--target", "TensorRt", "cpu, cuda, directml, tensorrt")]
    [InlineData("--variant", "flux2", "schnell, dev, fill, canny, depth, kontext, redux")]
    [InlineData("--int8-form", "fast", "nbits, dynamic")]
    [InlineData("--int8-form", "MatMulNBits", "nbits, dynamic")]
    public async Task A_name_outside_the_flag_choices_is_a_parse_error_naming_the_flag_and_its_names(string flag, string value, string names)
    {
        var output = Path.Combine(_dir, "p");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("convert", flag, value, "--output", output);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Equal($"flux: {flag}: expected one of {names}, got '{value}'.\nflux: see 'flux convert --help' for usage\n", stderr);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_package_whose_manifest_names_an_unknown_precision_exits_2_naming_the_member()
    {
        var package = Directory.CreateDirectory(Path.Combine(_dir, "future")).FullName;
        var manifest = Path.Combine(package, "manifest.json");
        File.WriteAllText(manifest, """{ "format_version": 1, "producer": "FluxOnnx 9", "family": "flux1", "variant": "schnell", "precision": "fp4" }""");
        var (exit, stdout, stderr) = await CliRunner.RunAsync("inspect", package);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.Equal($"flux: {manifest}: manifest member 'precision': expected one of fp32, fp16, bf16, fp8, int8, int4, got 'fp4'\n", stderr);
    }

    [Fact]
    public async Task Convert_help_lists_the_names_each_flag_takes()
    {
        var (exit, stdout, _) = await CliRunner.RunAsync("convert", "--help");
        Assert.Equal(0, exit);
        Assert.Contains("--precision <fp32|fp16|bf16|fp8|int8|int4>", stdout);
        Assert.Contains("--target <cpu|cuda|directml|tensorrt>", stdout);
        Assert.Contains("--variant <schnell|dev|fill|canny|depth|kontext|redux>", stdout);
        Assert.Contains("--int8-form <nbits|dynamic>", stdout);
        Assert.DoesNotContain("Fp32", stdout);
        Assert.DoesNotContain("TensorRt", stdout);
    }

    [Theory]
    [InlineData("generate", "x", "--cache-dir", "unused")]
    [InlineData("bench", "--cache-dir", "unused")]
    [InlineData("run", "pkg", "transformer", "--inputs", "in.safetensors", "--output", "out.safetensors")]
    public async Task Negative_threads_are_a_parse_error_not_a_library_argument_exception(params string[] command)
    {
        var (exit, _, stderr) = await CliRunner.RunAsync([.. command, "--threads", "-1"]);
        Assert.Equal(2, exit);
        Assert.StartsWith("flux: --threads must be 0 or more, got -1\n", stderr);
    }

    [Fact]
    public async Task A_bad_convert_request_names_the_flag()
    {
        var output = Path.Combine(_dir, "p");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--t5", _dir, "--text-length", "0", "--output", output);
        Assert.Equal((2, "flux: --text-length: expected between 1 and 4096, got 0.\n"), (exit, stderr));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_missing_transformer_config_file_exits_2_naming_it()
    {
        var missing = Path.Combine(_dir, "nope.json");
        var transformer = Path.Combine(SharedPaths.Models, "flux-tiny-schnell", "flux.safetensors");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--transformer", transformer, "--transformer-config", missing,
            "--output", Path.Combine(_dir, "p"));
        Assert.Equal((2, $"flux: Could not find file '{missing}'.\n"), (exit, stderr));
    }

    /// <summary>A copy of the fixture T5 folder whose config.json is <paramref name="configJson"/>.</summary>
    private string T5FolderWithConfig(string configJson)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_dir, "t5")).FullName;
        File.CreateSymbolicLink(Path.Combine(folder, "model.safetensors"), Path.Combine(SharedPaths.Models, "t5", "model.safetensors"));
        File.WriteAllText(Path.Combine(folder, "config.json"), configJson);
        return folder;
    }

    [Fact]
    public async Task A_malformed_config_json_exits_2_with_one_line_naming_the_file()
    {
        var folder = T5FolderWithConfig("""{ "d_model": 64, """);
        var output = Path.Combine(_dir, "p");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--t5", folder, "--output", output);
        Assert.Equal(2, exit);
        Assert.StartsWith($"flux: {Path.Combine(folder, "config.json")}: '' is unreadable (", stderr);
        Assert.EndsWith("; expected a JSON object.\n", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_config_json_field_of_the_wrong_type_exits_2_naming_the_key()
    {
        var folder = T5FolderWithConfig("""{ "feed_forward_proj": "gated-gelu", "num_heads": "four" }""");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--t5", folder, "--output", Path.Combine(_dir, "p"));
        Assert.Equal((2, $"flux: {Path.Combine(folder, "config.json")}: 'num_heads' is \"four\"; expected an integer.\n"), (exit, stderr));
    }

    [Fact]
    public async Task A_config_json_without_the_feed_forward_field_exits_2_naming_it()
    {
        var folder = T5FolderWithConfig("""{ "d_model": 64 }""");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--t5", folder, "--output", Path.Combine(_dir, "p"));
        Assert.Equal((2, $"flux: {Path.Combine(folder, "config.json")}: 'feed_forward_proj' is relu; expected \"gated-gelu\" (T5 v1.1).\n"), (exit, stderr));
    }

    [Fact]
    public async Task A_control_checkpoint_without_a_variant_exits_2_naming_the_flag_and_candidates()
    {
        var output = Path.Combine(_dir, "p");
        var (exit, _, stderr) = await CliRunner.RunAsync("convert", "--transformer", Path.Combine(SharedPaths.Models, "flux-tiny-canny", "flux.safetensors"),
            "--transformer-config", Path.Combine(SharedPaths.Models, "flux-tiny-canny", "flux_params.json"), "--output", output);
        Assert.Equal((2, "flux: --variant: expected one of canny, depth (the weights cannot tell which: img_in.weight takes 128 input channels, guidance_in present), got null.\n"),
            (exit, stderr));
        Assert.False(Directory.Exists(output));
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e)
        {
            return e;
        }
        throw new InvalidOperationException("the action did not throw");
    }
}
