using System.CommandLine;
using System.Text.Json;
using FluxOnnx.Tokenizers.Clip;
using FluxOnnx.Tokenizers.T5;

namespace FluxOnnx.Cli.Commands;

/// <summary><c>flux tokenize --tokenizer clip|t5 --tokenizer-dir DIR [--max-length N] PROMPT</c>: ids as a JSON array.</summary>
public static class TokenizeCommand
{
    public static Command Create()
    {
        var kind = new Option<string>("--tokenizer") { Description = "clip or t5.", Required = true };
        kind.AcceptOnlyFromAmong("clip", "t5");
        var dir = new Option<string>("--tokenizer-dir") { Description = "Folder with vocab.json + merges.txt (clip) or spiece.model (t5).", Required = true };
        var maxLength = new Option<int?>("--max-length") { Description = "Padded length (default: 77 for clip, 256 for t5)." };
        var prompt = new Argument<string>("prompt") { Description = "The text to tokenize." };
        var command = new Command("tokenize", "Print the token ids of a prompt as a JSON array.") { kind, dir, maxLength, prompt };
        command.SetAction((parse, _) =>
        {
            var text = parse.GetRequiredValue(prompt);
            var folder = parse.GetRequiredValue(dir);
            var length = parse.GetValue(maxLength);
            if (length is < 2)
            {
                throw new CliUsageException("--max-length", $"--max-length must be at least 2 (a start/end token and one more), got {length}.");
            }
            long[] ids = parse.GetRequiredValue(kind) == "clip"
                ? ClipTokenizer.FromDirectory(folder, length ?? ClipTokenizer.DefaultMaxLength).Encode(text)
                : T5Tokenizer.FromDirectory(folder).Encode(text, length ?? T5Tokenizer.SchnellMaxLength);
            parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(ids));
            return Task.FromResult(0);
        });
        return command;
    }
}
