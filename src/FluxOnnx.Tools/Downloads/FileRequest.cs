using System.Text;
using FluxOnnx.Tools.Models;

namespace FluxOnnx.Tools.Downloads;

/// <summary>One locked file resolved to its URL and to its final and partial paths in the destination folder.</summary>
internal sealed record FileRequest(
    string Repository, string Revision, LockedFile File, string Url, string RepositoryPageUrl, string FinalPath, string PartialPath)
{
    /// <summary>Suffix of the file bytes are received into; renamed away only once complete and verified.</summary>
    public const string PartialSuffix = ".partial";

    public string RepositoryPath => File.Path;

    public string Role => File.Role;

    public static FileRequest Create(Uri baseUri, ModelLockEntry entry, LockedFile file, string destinationFolder)
    {
        string root = baseUri.AbsoluteUri.TrimEnd('/');
        string repository = string.Join('/', entry.Repository.Split('/').Select(Uri.EscapeDataString));
        string revision = entry.EffectiveRevision;
        var url = new StringBuilder(root).Append('/').Append(repository).Append("/resolve/").Append(Uri.EscapeDataString(revision));
        foreach (string segment in file.Path.Split('/'))
        {
            url.Append('/').Append(Uri.EscapeDataString(segment));
        }
        string finalPath = Path.GetFullPath(Path.Combine(destinationFolder, file.Path.Replace('/', Path.DirectorySeparatorChar)));
        return new FileRequest(entry.Repository, revision, file, url.ToString(), $"{root}/{repository}", finalPath, finalPath + PartialSuffix);
    }
}
