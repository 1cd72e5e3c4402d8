// Prints each lead unit's milestones due in a month, the way a supervision
// office (督查督办) sends each unit its list:
//
//   mono monthly.exe PLAN.txt 2025-06
//
// Units in the order they first appear among the month's milestones; under
// each, its milestones by due date. A milestone with two lead units is listed
// under both. The output is the Java example's (examples/java), line for line.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;

namespace Taizhang
{
    // The part of a ledger row (docs/ledger.md, JSON) this program reads.
    [DataContract] internal sealed class MeasureRef
    {
        [DataMember(Name = "number")] public int? Number;
        [DataMember(Name = "title")] public string Title = "";
    }

    [DataContract] internal sealed class GoalRef
    {
        [DataMember(Name = "heading")] public string Heading = "";
    }

    [DataContract] internal sealed class DeadlineRef
    {
        [DataMember(Name = "text")] public string Text = "";
    }

    [DataContract] internal sealed class LedgerRow
    {
        [DataMember(Name = "id")] public string Id = "";
        [DataMember(Name = "kind")] public string Kind = "";
        [DataMember(Name = "measure")] public MeasureRef Measure = new MeasureRef();
        [DataMember(Name = "goal")] public GoalRef Goal;
        [DataMember(Name = "lead_units")] public List<string> LeadUnits = new List<string>();
        [DataMember(Name = "deadline")] public DeadlineRef Deadline = new DeadlineRef();
        [DataMember(Name = "due")] public string Due;

        // What the ledger's 措施 column says of a row: a goal row names its
        // heading (总体目标 for a goal stated in the preamble), a measure row
        // its title after its number.
        public string MeasureText()
        {
            if (Kind == "goal" && Goal != null) return Goal.Heading.Length == 0 ? "总体目标" : Goal.Heading;
            return Measure.Number.HasValue ? $"{Measure.Number}. {Measure.Title}" : Measure.Title;
        }
    }

    [DataContract] internal sealed class Ledger
    {
        [DataMember(Name = "rows")] public List<LedgerRow> Rows = new List<LedgerRow>();
    }

    public static class MonthlyMilestones
    {
        private const string NoLeadUnit = "（未明确牵头单位）";

        public static int Main(string[] args)
        {
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { NewLine = "\n" };
            if (args.Length != 2)
            {
                Console.Error.WriteLine("usage: monthly.exe PLAN.txt YYYY-MM");
                return 2;
            }
            if (!DateTime.TryParseExact(args[1], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None,
                                        out DateTime month))
            {
                Console.Error.WriteLine("month must be YYYY-MM, got " + args[1]);
                return 2;
            }
            Ledger ledger;
            try
            {
                byte[] plan = File.ReadAllBytes(args[0]);
                using (var parser = new Parser())
                {
                    string json = parser.LedgerJson(plan, month.Year, month.Month);
                    var reader = new DataContractJsonSerializer(typeof(Ledger));
                    using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json)))
                        ledger = (Ledger)reader.ReadObject(stream);
                }
            }
            catch (Exception e) when (e is IOException || e is TaizhangException)
            {
                Console.Error.WriteLine("taizhang: " + e.Message);
                return 1;
            }

            var units = new List<string>();
            var byUnit = new Dictionary<string, List<LedgerRow>>();
            foreach (LedgerRow row in ledger.Rows)
            {
                var leads = row.LeadUnits.Count == 0 ? new List<string> { NoLeadUnit } : row.LeadUnits;
                foreach (string unit in leads)
                {
                    if (!byUnit.TryGetValue(unit, out var list)) { units.Add(unit); byUnit[unit] = list = new List<LedgerRow>(); }
                    list.Add(row);
                }
            }
            stdout.WriteLine($"taizhang {Parser.Version}: {ledger.Rows.Count} milestones due in {args[1]}");
            foreach (string unit in units)
            {
                stdout.WriteLine($"{unit} ({byUnit[unit].Count})");
                foreach (LedgerRow row in byUnit[unit])
                {
                    string deadline = row.Deadline.Text.Length == 0 ? "" : "  [" + row.Deadline.Text + "]";
                    stdout.WriteLine($"  {row.Due ?? ""}  {row.Id}  {row.MeasureText()}{deadline}");
                }
            }
            stdout.Flush();
            return 0;
        }
    }
}
