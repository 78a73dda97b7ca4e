<?php
// Writes fixtures.json beside this file: values made by PHP's own serialize(), and hostile
// variants of them, each with what PhpSerializedTest must read from it.
//   php src/test/resources/php-serialized/generate.php
// Each fixture: {"name", "base64" (the exact bytes), "php_accepts" (PHP's own unserialize),
// "expect": a typed tree, or "malformed"}. A typed tree is ["N"], ["b", bool], ["i", "digits"],
// ["d", var_export text], ["s", base64 bytes] or ["a", [[key tree, value tree], ...]].
// mt_srand makes the random values the same on every run.

mt_srand(20261202);

function typed($v) {
    if ($v === null) return ['N'];
    if (is_bool($v)) return ['b', $v];
    if (is_int($v)) return ['i', (string) $v];
    if (is_float($v)) return ['d', var_export($v, true)];
    if (is_string($v)) return ['s', base64_encode($v)];
    if (is_array($v)) {
        $pairs = [];
        foreach ($v as $k => $x) $pairs[] = [typed($k), typed($x)];
        return ['a', $pairs];
    }
    throw new Exception('unsupported ' . gettype($v));
}

$fixtures = [];
function good($name, $value) {
    global $fixtures;
    $fixtures[] = ['name' => $name, 'base64' => base64_encode(serialize($value)),
        'php_accepts' => true, 'expect' => typed($value)];
}
function bad($name, $bytes) {
    global $fixtures;
    $php = @unserialize($bytes, ['allowed_classes' => false]);
    $fixtures[] = ['name' => $name, 'base64' => base64_encode($bytes),
        'php_accepts' => $php !== false || $bytes === serialize(false), 'expect' => 'malformed'];
}

// The shape WordPress stores in the `cron` option (wp_schedule_event / _set_cron_array).
function cron_entry($schedule, $args, $interval = null) {
    $e = ['schedule' => $schedule, 'args' => $args];
    if ($interval !== null) $e['interval'] = $interval;
    return [md5(serialize($args)) => $e];
}
$cron = [
    1764640000 => ['wp_version_check' => cron_entry('twicedaily', [], 43200)],
    1764640060 => [
        'asc_e2e_tick' => cron_entry(false, []),
        'publish_future_post' => cron_entry(false, [42]),
    ],
    1764643600 => ['wp_scheduled_delete' => cron_entry('daily', ['ünïcödé', 'emoji 🙂', 1.5, null, true], 86400)],
    'version' => 2,
];
good('wordpress-cron-array', $cron);
good('wordpress-cron-empty', ['version' => 2]);

good('null', null);
good('true', true);
good('false', false);
good('int-zero', 0);
good('int-negative', -17);
good('int-max', PHP_INT_MAX);
good('int-min', PHP_INT_MIN);
good('float-tenth', 0.1);
good('float-negative-zero', -0.0);
good('float-large', 1.0e25);
good('float-small', 1.5e-300);
good('float-inf', INF);
good('float-minus-inf', -INF);
good('float-nan', NAN);
good('string-empty', '');
good('string-ascii', 'hello "world"; a:1:{}');
good('string-utf8', "ünïcödé ☃ 🙂");
good('string-newlines', "line1\nline2\r\n\0end");
good('array-empty', []);
good('array-list', [1, 'two', 3.0, null, false]);
good('array-mixed-keys', [5 => 'a', 'k' => 'b', -3 => 'c', '0x1' => 'd', '' => 'e']);
$deep = 'bottom';
for ($i = 0; $i < 31; $i++) $deep = [$deep];
good('array-nested-31', $deep);

// Random trees: keys and leaves of every supported type.
function random_value($depth) {
    $r = mt_rand(0, $depth > 4 ? 5 : 7);
    switch ($r) {
        case 0: return null;
        case 1: return mt_rand(0, 1) === 1;
        case 2: return mt_rand(-2000000000, 2000000000) * mt_rand(1, 4000000000);
        case 3: return mt_rand() / mt_getrandmax() * (mt_rand(0, 1) ? 1e10 : -1e-10);
        case 4: case 5:
            $s = '';
            $n = mt_rand(0, 12);
            $alphabet = ['a', 'Z', '"', ';', ':', '{', '}', 'é', '€', '🙂', "\n", ' '];
            for ($i = 0; $i < $n; $i++) $s .= $alphabet[mt_rand(0, count($alphabet) - 1)];
            return $s;
        default:
            $a = [];
            $n = mt_rand(0, 5);
            for ($i = 0; $i < $n; $i++) {
                $key = mt_rand(0, 1) ? mt_rand(-50, 50) : 'k' . mt_rand(0, 99);
                $a[$key] = random_value($depth + 1);
            }
            return $a;
    }
}
for ($i = 0; $i < 40; $i++) good('random-' . $i, random_value(0));

// Hostile or unsupported: each must be "malformed", never a crash or a huge allocation.
$s = serialize('héllo');                       // s:6:"héllo";
bad('string-length-short', str_replace('s:6:', 's:5:', $s));
bad('string-length-long', str_replace('s:6:', 's:7:', $s));
bad('string-length-huge', 's:2147483647:"x";');
bad('string-length-overflow', 's:99999999999999999999:"x";');
bad('string-length-negative', 's:-1:"";');
bad('string-not-utf8', "s:2:\"\xC3\x28\";");
bad('string-unterminated', 's:3:"abc');
bad('array-count-huge', 'a:2147483647:{i:0;i:0;}');
bad('array-count-short', 'a:1:{i:0;i:1;i:1;i:2;}');
bad('array-count-long', 'a:3:{i:0;i:1;i:1;i:2;}');
bad('array-count-negative', 'a:-1:{}');
bad('array-unclosed', 'a:1:{i:0;i:1;');
bad('array-key-float', 'a:1:{d:0.5;i:1;}');
bad('array-key-array', 'a:1:{a:0:{}i:1;}');
bad('array-key-null', 'a:1:{N;i:1;}');
$deep = 'x';
for ($i = 0; $i < 100; $i++) $deep = [$deep];
bad('array-nested-100', serialize($deep));
bad('array-nested-5000', str_repeat('a:1:{i:0;', 5000) . 'N;' . str_repeat('}', 5000));
bad('int-overflow', 'i:9223372036854775808;');
bad('int-empty', 'i:;');
bad('int-letters', 'i:12a;');
bad('bool-two', 'b:2;');
bad('float-garbage', 'd:1.2.3;');
bad('float-java-infinity', 'd:Infinity;');
bad('float-java-suffix', 'd:1f;');
bad('float-empty', 'd:;');
bad('object', serialize((object) ['a' => 1]));
class AscFixture { public $x = 1; }
bad('object-class', serialize(new AscFixture()));
bad('custom-serialized', 'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}');
$ref = [1];
$ref[1] = &$ref[0];
bad('reference', serialize($ref));
bad('enum-like', 'E:7:"Foo:Bar";');
bad('escaped-string', 'S:1:"\\61";');
bad('trailing-bytes', serialize(1) . 'x');
bad('two-values', serialize(1) . serialize(2));
bad('empty', '');
bad('truncated-cron', substr(serialize($cron), 0, 100));
bad('unknown-type', 'x:1;');
bad('lowercase-null', 'n;');
bad('null-without-semicolon', 'N');

$out = __DIR__ . '/fixtures.json';
file_put_contents($out, json_encode($fixtures, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
fwrite(STDERR, count($fixtures) . " fixtures written to $out\n");
