using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CatalogKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_catalog_entities_Kind_Name",
                table: "catalog_entities");

            migrationBuilder.AddColumn<string>(
                name: "KindKey",
                table: "catalog_entities",
                type: "TEXT",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LifecycleKey",
                table: "catalog_entities",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "catalog_entities",
                type: "TEXT",
                maxLength: 63,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TypeKey",
                table: "catalog_entities",
                type: "TEXT",
                nullable: true);

            // Backfill the lowercase keys of entities ingested before these columns existed.
            migrationBuilder.Sql("UPDATE catalog_entities SET \"KindKey\" = lower(\"Kind\"), \"NameKey\" = lower(\"Name\"), \"TypeKey\" = lower(\"Type\"), \"LifecycleKey\" = lower(\"Lifecycle\");");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_KindKey_NameKey_Id",
                table: "catalog_entities",
                columns: new[] { "KindKey", "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_LifecycleKey",
                table: "catalog_entities",
                column: "LifecycleKey");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_NameKey_Id",
                table: "catalog_entities",
                columns: new[] { "NameKey", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_TypeKey",
                table: "catalog_entities",
                column: "TypeKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_catalog_entities_KindKey_NameKey_Id",
                table: "catalog_entities");

            migrationBuilder.DropIndex(
                name: "IX_catalog_entities_LifecycleKey",
                table: "catalog_entities");

            migrationBuilder.DropIndex(
                name: "IX_catalog_entities_NameKey_Id",
                table: "catalog_entities");

            migrationBuilder.DropIndex(
                name: "IX_catalog_entities_TypeKey",
                table: "catalog_entities");

            migrationBuilder.DropColumn(
                name: "KindKey",
                table: "catalog_entities");

            migrationBuilder.DropColumn(
                name: "LifecycleKey",
                table: "catalog_entities");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "catalog_entities");

            migrationBuilder.DropColumn(
                name: "TypeKey",
                table: "catalog_entities");

            migrationBuilder.CreateIndex(
                name: "IX_catalog_entities_Kind_Name",
                table: "catalog_entities",
                columns: new[] { "Kind", "Name" });
        }
    }
}
