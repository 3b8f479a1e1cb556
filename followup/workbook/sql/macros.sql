-- macros: text-to-value conversions used while staging a workbook (temporary, per connection)
-- a word as matched: composed (å typed as a + ring on a Mac is å), spaces collapsed, lower case
CREATE OR REPLACE TEMP MACRO word_key(s) AS
    lower(trim(regexp_replace(nfc_normalize(s), '[\s\x{00A0}\x{202F}\x{2007}\x{2009}]+', ' ',
                              'g')));

-- a key as matched: surrounding spaces gone, inner runs of spaces one space (the replacing
-- only runs on the few keys that need it: most have no space, or single spaces between words;
-- trim takes every kind of space off the ends, so a key with a space and another kind of
-- space at an end takes it too)
CREATE OR REPLACE TEMP MACRO clean_key(s) AS CASE
    WHEN regexp_matches(s, '^\s|\s$|\s\s|[\t\n\f\r\x{00A0}\x{202F}\x{2007}\x{2009}]')
         OR (contains(s, ' ') AND regexp_matches(s, '^\p{Zs}|\p{Zs}$'))
    THEN nullif(trim(regexp_replace(s, '[\s\x{00A0}\x{202F}\x{2007}\x{2009}]+', ' ', 'g')), '')
    ELSE nullif(s, '') END;

-- an amount as written: currency words and spaces gone, a minus sign or brackets made '-'
-- (`kr 1 250 000,50`, `-kr 1 000`, `1 000 NOK`, `1 000,-`, `(500)`); spaces group digits,
-- a line break inside does not (`1 000` over `2 000` in one cell is not 10 002 000)
CREATE OR REPLACE TEMP MACRO amount_core(s) AS
    regexp_replace(regexp_replace(regexp_replace(
        translate(regexp_replace(s, '^\s+|\s+$', '', 'g'), '−–', '--'),
        '^(-?)[ \x{00A0}\x{202F}]*(kr|nok)\.?', '\1', 'i'),
        '(kr|nok)\.?\s*$|,-\s*$|[ \x{00A0}\x{202F}\x{2007}\x{2009}'']', '', 'gi'),
        '^\((.*)\)$', '-\1');

-- the last of ',' and '.' is the decimal mark, a mark that repeats groups thousands, and so
-- does a single '.' before exactly three digits after one to three (`250.000`, `kr 1.500`)
CREATE OR REPLACE TEMP MACRO amount_plain(c) AS CASE
    WHEN regexp_full_match(c, '[+-]?[1-9][0-9]{0,2}(\.[0-9]{3})+') THEN replace(c, '.', '')
    WHEN c LIKE '%,%' AND c LIKE '%.%' THEN
        CASE WHEN strpos(reverse(c), ',') < strpos(reverse(c), '.')
             THEN replace(replace(c, '.', ''), ',', '.')
             ELSE replace(c, ',', '') END
    WHEN length(c) - length(replace(c, ',', '')) = 1 THEN replace(c, ',', '.')
    WHEN length(c) - length(replace(c, ',', '')) > 1 THEN replace(c, ',', '')
    WHEN length(c) - length(replace(c, '.', '')) > 1 THEN replace(c, '.', '')
    ELSE c END;

-- the plain number a written amount stands for, as text (`-1250000.50`), or NULL; the lambda
-- names amount_core(s) once: written out in each use in amount_plain, DuckDB hoists it and
-- cleans every cell of the column, also those a quicker path of parse_amount reads
CREATE OR REPLACE TEMP MACRO amount_number(s) AS
    list_transform([amount_core(s)], lambda c: CASE
        WHEN regexp_full_match(amount_plain(c), '[+-]?[0-9]+(\.[0-9]+)?')
        THEN amount_plain(c) END)[1];

CREATE OR REPLACE TEMP MACRO amount_written(s) AS try_cast(amount_number(s) AS DECIMAL(18, 2));

-- plain numbers (every numeric cell) take the cast, `1 234 567,00` a quick clean-up and cast;
-- only other written amounts take the long road
CREATE OR REPLACE TEMP MACRO parse_amount(s) AS
    coalesce(CASE WHEN s NOT LIKE '%.___' THEN try_cast(s AS DECIMAL(18, 2)) END,
             CASE WHEN s NOT LIKE '%.%'
                  THEN try_cast(replace(replace(s, ' ', ''), ',', '.') AS DECIMAL(18, 2)) END,
             amount_written(s));

-- an amount in a column whose header states a scale (1000 for `2011 (1000 NOK)`): the number
-- times the scale, rounded to øre only then; a plain number (every numeric cell) is taken as
-- it is, so a lone '.' is its decimal mark (`1.125` MNOK is 1 125 000); other text is read as
-- parse_amount reads it; a product past the column's 16 digits is no amount
CREATE OR REPLACE TEMP MACRO parse_scaled(s, factor) AS CASE
    WHEN factor = 1 THEN parse_amount(s)
    ELSE try_cast(coalesce(try_cast(s AS DECIMAL(28, 10)),
                           try_cast(amount_number(s) AS DECIMAL(28, 10))) * factor
                  AS DECIMAL(18, 2)) END;

-- the scale of an amount column (1 unless its header or the title rows state one)
CREATE OR REPLACE TEMP MACRO scale_of(sheet_kind, field_name) AS
    coalesce((SELECT max(factor) FROM amount_scales
              WHERE kind = sheet_kind AND field = field_name), 1);

-- a year as a whole number (`2011`, `2011.0`) or a date; `2011.5` is not a year
CREATE OR REPLACE TEMP MACRO parse_year(s) AS CASE
    WHEN s GLOB '[12][0-9][0-9][0-9]' AND s BETWEEN '1900' AND '2099' THEN CAST(s AS INTEGER)
    WHEN regexp_full_match(trim(s), '(19|20)[0-9]{2}(\.0+)?') THEN CAST(left(trim(s), 4) AS INTEGER)
    WHEN regexp_full_match(trim(s), '(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}( 00:00:00)?')
    THEN CAST(left(trim(s), 4) AS INTEGER) END;

-- a date as an Excel date, 31.12.2012, ISO text or a serial number; a bare year is its
-- first day, or its last when is_end; years outside 1900-2100 are typing errors
CREATE OR REPLACE TEMP MACRO date_written(s, is_end) AS CASE
    WHEN s LIKE '____-__-__ 00:00:00' OR s LIKE '____-__-__' THEN try_cast(left(s, 10) AS DATE)
    WHEN regexp_full_match(s, '(19|20)[0-9]{2}(\.0+)?')
    THEN make_date(CAST(left(s, 4) AS INTEGER), CASE WHEN is_end THEN 12 ELSE 1 END,
                   CASE WHEN is_end THEN 31 ELSE 1 END)
    WHEN regexp_full_match(s, '[0-9]{5}(\.0+)?')
    THEN CAST(DATE '1899-12-30' + CAST(CAST(s AS DOUBLE) AS INTEGER) AS DATE)
    WHEN regexp_full_match(s, '[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{2}')
    THEN CAST(try_strptime(s, '%d.%m.%y') AS DATE)
    ELSE CAST(try_strptime(s, ['%d.%m.%Y', '%d.%m.%Y %H:%M', '%d.%m.%Y %H:%M:%S',
                               '%Y-%m-%d %H:%M:%S', '%Y-%m-%d', '%d/%m/%Y',
                               '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%d-%m-%Y',
                               '%Y.%m.%d', '%d. %m. %Y'])
              AS DATE) END;

CREATE OR REPLACE TEMP MACRO parse_date(s, is_end) AS
    list_transform([date_written(trim(s), is_end)],
                   lambda d: CASE WHEN year(d) BETWEEN 1900 AND 2100 THEN d END)[1];

-- a totals row's first cell: Sum, Totalt, Total or I alt (only short cells that begin with
-- one of those letters are looked at closely)
CREATE OR REPLACE TEMP MACRO is_total(s) AS CASE
    WHEN length(s) <= 12 AND lower(left(ltrim(s), 1)) IN ('s', 't', 'i')
    THEN regexp_full_match(word_key(s), '(sum|totalt|total|i alt)\s*:?')
    ELSE false END;

-- a cell as a header matches (`Avtalebeløp (1000 NOK)` as `avtalebeløp1000nok` and, without
-- its bracket, `avtalebeløp`), against the accepted headers of a sheet kind (header_words)
CREATE OR REPLACE TEMP MACRO header_key(s) AS
    regexp_replace(lower(nfc_normalize(s)), '[^\p{L}\p{N}]+', '', 'g');
CREATE OR REPLACE TEMP MACRO is_header(s, sheet_kind) AS EXISTS (
    SELECT 1 FROM header_words WHERE kind = sheet_kind AND key IN (
        header_key(s), header_key(regexp_replace(s, '\([^)]*\)|\[[^\]]*\]', ' ', 'g'))));

-- a header that is a year (`2011`, `2011.0`, `2011 (NOK)`)
CREATE OR REPLACE TEMP MACRO is_year_header(s) AS
    regexp_full_match(trim(s), '(19|20)[0-9]{2}(\.0+)?(\s*[(\[].*)?');

-- an action is the same action across rounds when its ID, or (without one) its actor and text,
-- is the same
CREATE OR REPLACE TEMP MACRO action_key(action_id, actor, action) AS
    coalesce(action_id, 'auto:' || md5(lower(actor) || '|' || lower(trim(action))));
