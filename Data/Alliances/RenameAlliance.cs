using AllianceBot.Data.Storage;

namespace AllianceBot.Data.Alliances;

public static class RenameAllianceUseCase
{
    public static Task<Alliance> RenameAllianceAsync(this Database database, Guid allianceId, string name, CancellationToken cancellationToken)
    {
        var newName = Guard.Text(name, "Alliance name", Guard.NameLength);
        return GetAllianceUseCase.UpdateAsync(database, allianceId, "UPDATE alliances SET name = @newName WHERE id = @allianceId", new { allianceId, newName }, cancellationToken);
    }
}
