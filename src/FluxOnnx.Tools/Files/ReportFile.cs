using System.Text;

namespace FluxOnnx.Tools.Files;

/// <summary>Writes a text file (report, table) through a temp file beside it, renamed into place: readers never see half a file.</summary>
internal static class ReportFile
{
    public static void Write(string path, string text)
    {
        string full = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }
        string temp = Path.Combine(folder ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
