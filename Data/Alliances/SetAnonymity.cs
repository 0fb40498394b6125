using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

public static class SetAnonymityUseCase
{
    /// <summary>Sets k (3–25, DESIGN.md §4) and the comment threshold (at least k).</summary>
    public static Task<Alliance> SetAnonymityAsync(this Database database, Guid allianceId, int anonymityK, int commentK, CancellationToken cancellationToken)
    {
        var (k, ck) = Check(anonymityK, commentK);
        return GetAllianceUseCase.UpdateAsync(database, allianceId,
            "UPDATE alliances SET anonymity_k = @k, comment_k = @ck WHERE id = @allianceId", new { allianceId, k, ck }, cancellationToken);
    }

    internal static (int K, int CommentK) Check(int anonymityK, int commentK)
    {
        var k = Guard.Range(anonymityK, "Anonymity threshold", AllianceDefaults.MinAnonymityK, AllianceDefaults.MaxAnonymityK);
        return (k, Guard.Range(commentK, "Comment threshold", k, AllianceDefaults.MaxCommentK));
    }
}
