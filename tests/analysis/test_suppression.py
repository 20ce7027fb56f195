"""Small numbers are hidden, and so is anything that would let them be worked out."""

from analysis.suppression import suppress_table, suppress_total


def hidden(table):
    return [[cell.suppressed for cell in row] for row in table]


def test_counts_below_the_threshold_are_hidden_but_zero_and_large_are_shown():
    table = suppress_table([[0, 5, 4, 12, 1]], threshold=5)
    assert hidden(table)[0][0] is False and hidden(table)[0][1] is False
    assert hidden(table)[0][2] and hidden(table)[0][4]


def test_a_lone_hidden_cell_in_a_row_takes_the_next_smallest_with_it():
    table = suppress_table([[3, 6, 7]], threshold=5)
    assert hidden(table) == [[True, True, False]]


def test_a_lone_hidden_cell_in_a_column_takes_the_next_smallest_with_it():
    table = suppress_table([[2, 10], [9, 10], [20, 10]], threshold=5)
    assert hidden(table)[0][0] and hidden(table)[1][0]
    assert not hidden(table)[2][0]


def test_secondary_suppression_keeps_going_until_no_line_has_one_hidden_cell():
    table = suppress_table([[2, 8, 9], [8, 9, 30], [9, 30, 30]], threshold=5)
    flags = hidden(table)
    for row in flags:
        assert sum(row) != 1
    for column in zip(*flags, strict=True):
        assert sum(column) != 1


def test_hidden_cells_say_fewer_than_the_threshold():
    cell = suppress_table([[2, 2]], threshold=10)[0][0]
    assert str(cell) == "fewer than 10"
    assert str(suppress_total(12, 10)) == "12"
    assert str(suppress_total(3, 10)) == "fewer than 10"
