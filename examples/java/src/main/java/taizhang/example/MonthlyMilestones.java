package taizhang.example;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints each lead unit's milestones due in a month:
 *
 * <pre>
 *   java -Djna.library.path=build-shared -jar target/taizhang-example.jar PLAN.txt 2025-06
 * </pre>
 *
 * Units in the order they first appear among the month's milestones; under
 * each, its milestones by due date. A milestone with two lead units is listed
 * under both.
 */
public final class MonthlyMilestones {
  // Columns of the ledger CSV (docs/ledger.md).
  private static final int ID = 0, NUMBER = 2, MEASURE = 5, LEAD_UNITS = 6, DEADLINE = 9, DUE = 11;
  private static final String NO_LEAD_UNIT = "（未明确牵头单位）";

  private MonthlyMilestones() {}

  public static void main(String[] args) {
    // The console's encoding is whatever the locale says; the output is Chinese.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (args.length != 2) {
      err.println("usage: MonthlyMilestones PLAN.txt YYYY-MM");
      System.exit(2);
    }
    YearMonth month;
    byte[] plan;
    try {
      month = YearMonth.parse(args[1]);
      plan = Files.readAllBytes(Path.of(args[0]));
    } catch (DateTimeParseException e) {
      err.println("month must be YYYY-MM, got " + args[1]);
      System.exit(2);
      return;
    } catch (IOException e) {
      err.println("cannot read " + args[0] + ": " + e);
      System.exit(1);
      return;
    }
    List<List<String>> rows;
    try (Taizhang taizhang = new Taizhang()) {
      rows = Csv.parse(taizhang.ledgerCsv(plan, month));
    } catch (TaizhangException e) {
      err.println("taizhang: " + e.getMessage());
      System.exit(1);
      return;
    }
    rows = rows.subList(1, rows.size()); // the header

    Map<String, List<List<String>>> byUnit = new LinkedHashMap<>();
    for (List<String> row : rows) {
      String leads = row.get(LEAD_UNITS);
      for (String unit : leads.isEmpty() ? new String[] {NO_LEAD_UNIT} : leads.split("、")) {
        byUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(row);
      }
    }
    out.printf("taizhang %s: %d milestones due in %s%n", Taizhang.version(), rows.size(), month);
    for (Map.Entry<String, List<List<String>>> unit : byUnit.entrySet()) {
      out.printf("%s (%d)%n", unit.getKey(), unit.getValue().size());
      for (List<String> row : unit.getValue()) {
        String measure = row.get(NUMBER).isEmpty() ? row.get(MEASURE) : row.get(NUMBER) + ". " + row.get(MEASURE);
        String deadline = row.get(DEADLINE).isEmpty() ? "" : "  [" + row.get(DEADLINE) + "]";
        out.printf("  %s  %s  %s%s%n", row.get(DUE), row.get(ID), measure, deadline);
      }
    }
  }
}
