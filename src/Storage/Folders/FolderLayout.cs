namespace TorchLab.Storage.Folders;

/// <summary>
/// What a <see cref="RunFolder"/> may hold. A commit replaces the whole folder, so a folder
/// holding anything else is refused rather than lost.
/// </summary>
/// <param name="Entries">The files and folders the folder may hold.</param>
/// <param name="RunFolders">
/// Those of <paramref name="Entries"/> that are run folders of their own (the lab's model
/// folders): while the outer folder is in use each is locked, so no <c>train</c> writes into it,
/// and what a killed run left in it is put right first.
/// </param>
/// <param name="RunFolderLayout">What each of <paramref name="RunFolders"/> may hold.</param>
/// <param name="Folders">
/// What each other folder among <paramref name="Entries"/> may hold (the lab's figure folders). A
/// commit replaces them with the rest, so they are checked the same way; an entry found as a folder
/// that is neither a run folder nor named here may hold nothing.
/// </param>
public sealed record FolderLayout(IReadOnlyCollection<string> Entries, IReadOnlyCollection<string> RunFolders,
    FolderLayout? RunFolderLayout = null, IReadOnlyDictionary<string, FolderLayout>? Folders = null)
{
    /// <summary>The names the folder may hold: its entries, and the lock files of its inner run folders.</summary>
    public bool Allows(string name) =>
        Entries.Contains(name) || RunFolders.Any(folder => name == RunFolder.SiblingName(folder, "lock"));

    /// <summary>What the folder <paramref name="name"/> (one of <see cref="Entries"/>, not a run folder) may
    /// hold.</summary>
    public FolderLayout Inside(string name) => Folders?.GetValueOrDefault(name) ?? Nothing;

    private static readonly FolderLayout Nothing = new([], []);
}
