<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AddDialog</name>
    <message>
        <source>Add to {list}</source>
        <translation>添加到“{list}”</translation>
    </message>
    <message>
        <source>700 HK, sh600519, 中際旭創, ZJXC …  (several: separate with spaces or commas)</source>
        <translation>700 HK、sh600519、中际旭创、ZJXC…（多个请用空格或逗号分隔）</translation>
    </message>
    <message>
        <source>{n} listings: the bundled A-share list and every HK/A listing the reports name.</source>
        <translation>共 {n} 只证券：内置 A 股列表及研报提到的所有港股/A 股。</translation>
    </message>
    <message>
        <source>   · in reports</source>
        <translation>   · 研报提及</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Your data is safe: every edit is saved as one transaction.</source>
        <translation>数据安全：每次编辑都作为一个事务保存。</translation>
    </message>
    <message>
        <source> Details are in {path}.</source>
        <translation> 详情见 {path}。</translation>
    </message>
    <message>
        <source>Chainwatch — unexpected error</source>
        <translation>Chainwatch — 意外错误</translation>
    </message>
</context>
<context>
    <name>Appearance</name>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>外观主题(&amp;T)</translation>
    </message>
</context>
<context>
    <name>BasketChart</name>
    <message>
        <source>daily</source>
        <translation>每日</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>每月</translation>
    </message>
    <message>
        <source>No prices yet for any of the {n} members of {title} — press F5 (Prices &gt; Refresh prices) to download them, or read a file (Prices &gt; Import price history…).</source>
        <translation>{title}的 {n} 只成分股都还没有行情——按 F5（行情 &gt; 刷新行情）下载，或读取文件（行情 &gt; 导入历史行情…）。</translation>
    </message>
    <message>
        <source>{title} has no listed members to build a basket from — add listings to it first.</source>
        <translation>{title}没有可组成组合的上市成分股——请先加入上市公司。</translation>
    </message>
    <message>
        <source>This basket</source>
        <translation>这个组合</translation>
    </message>
    <message>
        <source>this basket</source>
        <translation>这个组合</translation>
    </message>
    <message>
        <source>{n} of {total} members have prices (equal weight, rebalanced {rebalance}; a member joins at its first close).</source>
        <translation>{total} 只成分股中 {n} 只有行情（等权重，{rebalance}再平衡；成分股自其首个收盘价起计入）。</translation>
    </message>
    <message>
        <source>No prices: {codes} — download or import them.</source>
        <translation>无行情：{codes}——请下载或导入。</translation>
    </message>
    <message>
        <source>Not listed: {names}.</source>
        <translation>未上市：{names}。</translation>
    </message>
    <message>
        <source>Benchmark {name}: no prices.</source>
        <translation>基准 {name}：无行情。</translation>
    </message>
    <message>
        <source>No prices: {codes}</source>
        <translation>无行情：{codes}</translation>
    </message>
    <message>
        <source>Not listed: {names}</source>
        <translation>未上市：{names}</translation>
    </message>
</context>
<context>
    <name>CandleChart</name>
    <message>
        <source>Jan</source>
        <translation>1月</translation>
    </message>
    <message>
        <source>Feb</source>
        <translation>2月</translation>
    </message>
    <message>
        <source>Mar</source>
        <translation>3月</translation>
    </message>
    <message>
        <source>Apr</source>
        <translation>4月</translation>
    </message>
    <message>
        <source>May</source>
        <translation>5月</translation>
    </message>
    <message>
        <source>Jun</source>
        <translation>6月</translation>
    </message>
    <message>
        <source>Jul</source>
        <translation>7月</translation>
    </message>
    <message>
        <source>Aug</source>
        <translation>8月</translation>
    </message>
    <message>
        <source>Sep</source>
        <translation>9月</translation>
    </message>
    <message>
        <source>Oct</source>
        <translation>10月</translation>
    </message>
    <message>
        <source>Nov</source>
        <translation>11月</translation>
    </message>
    <message>
        <source>Dec</source>
        <translation>12月</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日K</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周K</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月K</translation>
    </message>
    <message>
        <source>Daily bars</source>
        <translation>日线</translation>
    </message>
    <message>
        <source>Weekly bars (ISO weeks, from the daily bars)</source>
        <translation>周线（ISO 周，由日线合成）</translation>
    </message>
    <message>
        <source>Monthly bars (calendar months, from the daily bars)</source>
        <translation>月线（自然月，由日线合成）</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>Logarithmic price scale: equal moves in percent look equal</source>
        <translation>对数价格坐标：相同百分比的涨跌看起来一样大</translation>
    </message>
    <message>
        <source>this listing</source>
        <translation>该证券</translation>
    </message>
    <message>
        <source>Select a company in the table to see its candles.</source>
        <translation>在表格中选择一家公司以查看其K线。</translation>
    </message>
    <message>
        <source>week to {day}</source>
        <translation>截至 {day} 的一周</translation>
    </message>
</context>
<context>
    <name>Chain</name>
    <message>
        <source>All segments</source>
        <translation>全部环节</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <source>Fit the graph to the dock</source>
        <translation>缩放图形以适应窗格</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>环节：</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Supplier chain</source>
        <translation>产业链</translation>
    </message>
    <message>
        <source>Show &amp;evidence</source>
        <translation>查看证据(&amp;E)</translation>
    </message>
    <message>
        <source>Open supplier c&amp;hain</source>
        <translation>打开产业链(&amp;H)</translation>
    </message>
</context>
<context>
    <name>ChainPanel</name>
    <message>
        <source>(unlisted)</source>
        <translation>（非上市）</translation>
    </message>
    <message>
        <source>unlisted</source>
        <translation>非上市</translation>
    </message>
    <message>
        <source>Select a company or a theme to see its supplier chain.</source>
        <translation>选择一家公司或一个主题以查看其产业链。</translation>
    </message>
    <message>
        <source>{name}: the reports give no supplier chain for it in {segment}.</source>
        <translation>{name}：研报未给出其在“{segment}”环节的产业链。</translation>
    </message>
    <message>
        <source>{name}: the reports give no supplier chain for it.</source>
        <translation>{name}：研报未给出其产业链。</translation>
    </message>
    <message>
        <source>{theme}: no supplier edges in this theme for {segment}.</source>
        <translation>{theme}：该主题在“{segment}”环节没有供应关系。</translation>
    </message>
    <message>
        <source>{theme}: no supplier edges in this theme.</source>
        <translation>{theme}：该主题没有供应关系。</translation>
    </message>
    <message>
        <source>suppliers ← → customers   solid: core · dashed: potential · dotted: stated · click an edge for its quote</source>
        <translation>供应商 ← → 客户   实线：核心 · 虚线：潜在 · 点线：提及 · 点击连线查看原文</translation>
    </message>
    <message>
        <source>{n} reports</source>
        <translation>{n} 份研报</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Save the chart on the Charts dock&apos;s current tab</source>
        <translation>保存图表面板当前标签页的图表</translation>
    </message>
    <message>
        <source>Export chart as &amp;PNG…</source>
        <translation>导出图表为 PNG(&amp;G)…</translation>
    </message>
    <message>
        <source>Watchlist {name}</source>
        <translation>自选股列表 {name}</translation>
    </message>
    <message>
        <source>C&amp;hart it</source>
        <translation>查看图表(&amp;H)</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Could not write {path}</source>
        <translation>无法写入 {path}</translation>
    </message>
    <message>
        <source>No prices for {what} yet — press F5 (Prices &gt; Refresh prices) to download them, or read a file (Prices &gt; Import price history…).</source>
        <translation>{what}还没有行情——按 F5（行情 &gt; 刷新行情）下载，或读取文件（行情 &gt; 导入历史行情…）。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Forward-adjusted (qfq)</source>
        <translation>前复权（qfq）</translation>
    </message>
    <message>
        <source>As printed (raw)</source>
        <translation>不复权（原始）</translation>
    </message>
    <message>
        <source>Backward-adjusted (hfq)</source>
        <translation>后复权（hfq）</translation>
    </message>
    <message>
        <source>Candle prices. Returns, relative charts and baskets use total return (dividends and splits adjusted multiplicatively).</source>
        <translation>K线价格。收益率、相对走势和主题组合都使用全收益（分红与拆股按比例复权）。</translation>
    </message>
    <message>
        <source>Benchmark of the relative chart: an index, or any code of the watchlist</source>
        <translation>相对走势的基准：指数，或自选股中的任一代码</translation>
    </message>
    <message>
        <source>Candles</source>
        <translation>K线</translation>
    </message>
    <message>
        <source>qfq</source>
        <translation>前复权</translation>
    </message>
    <message>
        <source>hfq</source>
        <translation>后复权</translation>
    </message>
    <message>
        <source>raw</source>
        <translation>不复权</translation>
    </message>
    <message>
        <source>Relative</source>
        <translation>相对走势</translation>
    </message>
    <message>
        <source>Theme basket</source>
        <translation>主题组合</translation>
    </message>
    <message>
        <source>Report figures</source>
        <translation>研报数据</translation>
    </message>
    <message>
        <source>Report · {publisher}</source>
        <translation>研报 · {publisher}</translation>
    </message>
    <message>
        <source>[AI]</source>
        <translation>[AI]</translation>
    </message>
    <message>
        <source>Listing</source>
        <translation>上市</translation>
    </message>
    <message>
        <source>Offer price</source>
        <translation>发行价</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>业绩</translation>
    </message>
    <message>
        <source>Offer {price}</source>
        <translation>发行价 {price}</translation>
    </message>
    <message>
        <source>Results: {note}</source>
        <translation>业绩：{note}</translation>
    </message>
    <message>
        <source>Benchmark: by market</source>
        <translation>基准：按市场</translation>
    </message>
    <message>
        <source>Hang Seng TECH for Hong Kong listings, CSI 300 otherwise</source>
        <translation>港股用恒生科技指数，其余用沪深300</translation>
    </message>
    <message>
        <source>vs {name}</source>
        <translation>对比 {name}</translation>
    </message>
    <message>
        <source>vs {code}</source>
        <translation>对比 {code}</translation>
    </message>
    <message>
        <source>Select a company</source>
        <translation>请选择一家公司</translation>
    </message>
    <message>
        <source>to {date}</source>
        <translation>截至 {date}</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Canonical code</source>
        <translation>标准代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Exch</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Chain role</source>
        <translation>产业链角色</translation>
    </message>
    <message>
        <source>Segment → customer, share of orders; from the supplier chains</source>
        <translation>环节 → 客户、订单份额；来自产业链</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <source>Largest share of a customer&apos;s orders the reports give</source>
        <translation>研报给出的占客户订单的最大份额</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>研报</translation>
    </message>
    <message>
        <source>Reports naming it; (AI) = only the AI-compiled report</source>
        <translation>提及该公司的研报数；(AI) = 仅 AI 汇编的研报提及</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最新价</translation>
    </message>
    <message>
        <source>Chg %</source>
        <translation>涨跌幅%</translation>
    </message>
    <message>
        <source>1M %</source>
        <translation>近1月%</translation>
    </message>
    <message>
        <source>3M %</source>
        <translation>近3月%</translation>
    </message>
    <message>
        <source>YTD %</source>
        <translation>年初至今%</translation>
    </message>
    <message>
        <source>Drawdown %</source>
        <translation>回撤%</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Comma-separated; edit in place</source>
        <translation>以逗号分隔；可直接编辑</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>1 to 5</source>
        <translation>1 至 5</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>Your target price, in the listing&apos;s currency</source>
        <translation>您的目标价，以上市地货币计</translation>
    </message>
    <message>
        <source>Upside %</source>
        <translation>上涨空间%</translation>
    </message>
    <message>
        <source>Target price against the last close</source>
        <translation>目标价相对最新收盘价</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加日期</translation>
    </message>
    <message>
        <source>Only the AI-compiled report (002) names it; it cites no sources</source>
        <translation>仅 AI 汇编的研报（002）提及；该研报未注明来源</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>target price</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Edit {field} of {code}</source>
        <translation>编辑 {code} 的{field}</translation>
    </message>
    <message>
        <source>Add {codes}</source>
        <translation>添加 {codes}</translation>
    </message>
    <message>
        <source>Remove {n} item(s)</source>
        <translation>删除 {n} 项</translation>
    </message>
    <message>
        <source>Not removed: {error}</source>
        <translation>未删除：{error}</translation>
    </message>
    <message>
        <source>Reorder</source>
        <translation>调整顺序</translation>
    </message>
    <message>
        <source>Move {n} item(s) to {list}</source>
        <translation>移动 {n} 项到“{list}”</translation>
    </message>
    <message>
        <source>Copy {n} item(s) to {list}</source>
        <translation>复制 {n} 项到“{list}”</translation>
    </message>
    <message>
        <source>New watchlist {name}</source>
        <translation>新建自选股列表 {name}</translation>
    </message>
    <message>
        <source>Rename {old} to {new}</source>
        <translation>将 {old} 重命名为 {new}</translation>
    </message>
    <message>
        <source>Delete watchlist {name}</source>
        <translation>删除自选股列表 {name}</translation>
    </message>
</context>
<context>
    <name>DeskTable</name>
    <message>
        <source>no rating</source>
        <translation>无评级</translation>
    </message>
    <message>
        <source>Type 1 to 5 (0 for none), then Enter</source>
        <translation>输入 1 至 5（0 为无评级），再按回车</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>Select a company to see every quote behind it.</source>
        <translation>选择一家公司，查看其背后的每条研报原文。</translation>
    </message>
    <message>
        <source>AI-compiled, no sources cited</source>
        <translation>AI 汇编，未注明来源</translation>
    </message>
    <message>
        <source>{name}: not named by the bundled reports (added from the universe).</source>
        <translation>{name}：内置研报未提及（从证券列表添加）。</translation>
    </message>
    <message>
        <source>recommendation</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>supplies</source>
        <translation>供应</translation>
    </message>
    <message>
        <source>customer of</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>mention</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>, {share} of orders</source>
        <translation>，占订单 {share}</translation>
    </message>
    <message>
        <source>, {share} of the market</source>
        <translation>，占市场 {share}</translation>
    </message>
    <message>
        <source>, {share} of revenue</source>
        <translation>，占收入 {share}</translation>
    </message>
    <message>
        <source>, {share} of compute</source>
        <translation>，占算力 {share}</translation>
    </message>
</context>
<context>
    <name>Excel</name>
    <message>
        <source>&amp;Export to Excel…</source>
        <translation>导出到 Excel(&amp;E)…</translation>
    </message>
    <message>
        <source>Export watchlists and the knowledge base to a workbook</source>
        <translation>将自选股列表和知识库导出为工作簿</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a workbook or another terminal&apos;s list</source>
        <translation>导入工作簿或其他终端的列表</translation>
    </message>
</context>
<context>
    <name>ExcelDialogs</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Target price</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exported {items} items in {n} watchlist(s) to {path}</source>
        <translation>已将 {n} 个自选股列表共 {items} 项导出到 {path}</translation>
    </message>
    <message>
        <source>Exporting to {path}…</source>
        <translation>正在导出到 {path}…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Workbooks and lists (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.htm *.html);;All files (*)</source>
        <translation>工作簿和列表 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt *.htm *.html);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a list</source>
        <translation>导入列表</translation>
    </message>
    <message>
        <source>Into watchlist (type a new name to create one):</source>
        <translation>导入到自选股列表（输入新名称即新建）：</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>{file}: nothing to change.</source>
        <translation>{file}：没有需要更改的内容。</translation>
    </message>
    <message>
        <source>Import cancelled: nothing changed.</source>
        <translation>已取消导入：未做任何更改。</translation>
    </message>
    <message>
        <source>Import {file}</source>
        <translation>导入 {file}</translation>
    </message>
    <message>
        <source>Imported {file}: {summary} (Ctrl+Z to undo)</source>
        <translation>已导入 {file}：{summary}（Ctrl+Z 撤销）</translation>
    </message>
</context>
<context>
    <name>ExportOptions</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>All watchlists, with the knowledge-base sheets</source>
        <translation>全部自选股列表，含知识库工作表</translation>
    </message>
    <message>
        <source>Only “{list}”</source>
        <translation>仅“{list}”</translation>
    </message>
    <message>
        <source>Only the current watchlist</source>
        <translation>仅当前自选股列表</translation>
    </message>
    <message>
        <source>Codes are stored as text (leading zeros kept); edit notes, tags, rating and target price in Excel, add or delete rows, then File &gt; Import to review the changes.</source>
        <translation>代码以文本保存（保留前导零）；可在 Excel 中编辑备注、标签、评级和目标价，增删行，然后通过“文件 &gt; 导入”审阅更改。</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>Filter: code, 简体/繁體 name, English, pinyin (Ctrl+F)</source>
        <translation>筛选：代码、简体/繁體名称、英文、拼音（Ctrl+F）</translation>
    </message>
    <message>
        <source>All markets</source>
        <translation>全部市场</translation>
    </message>
    <message>
        <source>A-shares</source>
        <translation>A股</translation>
    </message>
    <message>
        <source>All themes</source>
        <translation>全部主题</translation>
    </message>
    <message>
        <source>Any customer</source>
        <translation>任意客户</translation>
    </message>
    <message>
        <source>Any segment</source>
        <translation>任意环节</translation>
    </message>
    <message>
        <source>Core or potential</source>
        <translation>核心或潜在</translation>
    </message>
    <message>
        <source>Core</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>Potential</source>
        <translation>潜在</translation>
    </message>
    <message>
        <source>Stated</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>Any rating</source>
        <translation>任意评级</translation>
    </message>
    <message>
        <source>share ≥ </source>
        <translation>份额 ≥ </translation>
    </message>
    <message>
        <source>any share</source>
        <translation>任意份额</translation>
    </message>
    <message>
        <source>Minimum share of a customer&apos;s orders</source>
        <translation>占客户订单的最低份额</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear all filters (Esc)</source>
        <translation>清除全部筛选（Esc）</translation>
    </message>
    <message>
        <source>Less ▴</source>
        <translation>收起 ▴</translation>
    </message>
    <message>
        <source>More ▾</source>
        <translation>更多 ▾</translation>
    </message>
    <message>
        <source>Segment, core/potential, minimum share, tags, rating</source>
        <translation>环节、核心/潜在、最低份额、标签、评级</translation>
    </message>
</context>
<context>
    <name>ImportReasons</name>
    <message>
        <source>a Hong Kong code is 1 to 5 digits</source>
        <translation>港股代码为 1 到 5 位数字</translation>
    </message>
    <message>
        <source>a Hong Kong code cannot be 0</source>
        <translation>港股代码不能为 0</translation>
    </message>
    <message>
        <source>an A-share code is exactly 6 digits</source>
        <translation>A 股代码必须是 6 位数字</translation>
    </message>
    <message>
        <source>no exchange uses the prefix {prefix}</source>
        <translation>没有交易所使用前缀 {prefix}</translation>
    </message>
    <message>
        <source>a US ticker is 1 to 6 letters</source>
        <translation>美股代码为 1 到 6 个字母</translation>
    </message>
    <message>
        <source>{digits} digits is not a listing code</source>
        <translation>{digits} 位数字不是证券代码</translation>
    </message>
    <message>
        <source>not a listing code in any known format (unknown market {market})</source>
        <translation>不是任何已知格式的证券代码（未知市场 {market}）</translation>
    </message>
    <message>
        <source>not a listing code in any known format</source>
        <translation>不是任何已知格式的证券代码</translation>
    </message>
    <message>
        <source>empty code</source>
        <translation>代码为空</translation>
    </message>
    <message>
        <source>not a code</source>
        <translation>不是代码</translation>
    </message>
    <message>
        <source>{symbol} is a {expected} code, not {market}</source>
        <translation>{symbol} 是{expected}代码，不是{market}代码</translation>
    </message>
    <message>
        <source>{symbol} is not a 6-digit A-share code</source>
        <translation>{symbol} 不是 6 位 A 股代码</translation>
    </message>
    <message>
        <source>unknown market {market}</source>
        <translation>未知市场 {market}</translation>
    </message>
    <message>
        <source>{symbol} is not a numeric {market} code</source>
        <translation>{symbol} 不是数字形式的{market}代码</translation>
    </message>
    <message>
        <source>6 digits, but no exchange uses the prefix {prefix}</source>
        <translation>6 位数字，但没有交易所使用前缀 {prefix}</translation>
    </message>
    <message>
        <source>a bare 1-5 digit number is ambiguous here; add .HK</source>
        <translation>此处 1 到 5 位的纯数字含义不明；请加上 .HK</translation>
    </message>
    <message>
        <source>Eastmoney market 0 is Shenzhen/Beijing, but {symbol} is not</source>
        <translation>东方财富市场 0 表示深圳/北京，但 {symbol} 不是</translation>
    </message>
    <message>
        <source>a bare ticker in letters needs its market (e.g. BABA.US)</source>
        <translation>纯字母代码需注明市场（例如 BABA.US）</translation>
    </message>
    <message>
        <source> (not a listing we know)</source>
        <translation>（非已知证券）</translation>
    </message>
    <message>
        <source> or </source>
        <translation> 或 </translation>
    </message>
    <message>
        <source>the column&apos;s other codes are Hong Kong codes</source>
        <translation>该列其他代码均为港股代码</translation>
    </message>
    <message>
        <source>a bare number of up to 5 digits is a Hong Kong code</source>
        <translation>不超过 5 位的纯数字视为港股代码</translation>
    </message>
    <message>
        <source>the column mixes Hong Kong and A-share codes</source>
        <translation>该列混有港股和 A 股代码</translation>
    </message>
    <message>
        <source>the name {name} is {listing}</source>
        <translation>名称 {name} 是 {listing}</translation>
    </message>
    <message>
        <source>{name} is not a name of either</source>
        <translation>{name} 不是其中任何一家的名称</translation>
    </message>
    <message>
        <source>{name} is not a name of it</source>
        <translation>{name} 不是它的名称</translation>
    </message>
    <message>
        <source>empty name</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <source>invalid code</source>
        <translation>代码无效</translation>
    </message>
    <message>
        <source>invalid code: {text}: {error}</source>
        <translation>代码无效：{text}：{error}</translation>
    </message>
    <message>
        <source>invalid code {text} (a number with decimals)</source>
        <translation>代码 {text} 无效（带小数的数字）</translation>
    </message>
    <message>
        <source>invalid code {text}: as an A-share it would be {padded}, which no exchange uses</source>
        <translation>代码 {text} 无效：作为 A 股应为 {padded}，但没有交易所使用该代码</translation>
    </message>
    <message>
        <source>invalid code {text}</source>
        <translation>代码 {text} 无效</translation>
    </message>
    <message>
        <source>ambiguous market: {text} could be {readings} ({why})</source>
        <translation>市场不明确：{text} 可能是 {readings}（{why}）</translation>
    </message>
    <message>
        <source>ambiguous market: {text} could be {readings}</source>
        <translation>市场不明确：{text} 可能是 {readings}</translation>
    </message>
    <message>
        <source>write the code with its market, e.g. 0700.HK</source>
        <translation>请写出代码及其市场，例如 0700.HK</translation>
    </message>
    <message>
        <source>spreadsheet software drops a code&apos;s leading zeros, so add the company&apos;s name in a name column, or write the code with its market (e.g. 0700.HK)</source>
        <translation>电子表格软件会去掉代码开头的 0，请在名称列中填写公司名称，或写出代码及其市场（例如 0700.HK）</translation>
    </message>
    <message>
        <source>{code} is a US listing</source>
        <translation>{code} 是美股</translation>
    </message>
    <message>
        <source>{code} is a US listing ({listing})</source>
        <translation>{code} 是美股（{listing}）</translation>
    </message>
    <message>
        <source>the desk follows Hong Kong and A-share listings</source>
        <translation>本系统只跟踪港股和 A 股</translation>
    </message>
    <message>
        <source>the desk follows HK and A-shares</source>
        <translation>本系统只跟踪港股和 A 股</translation>
    </message>
    <message>
        <source>duplicate: {code} is already on row {row}</source>
        <translation>重复：{code} 已在第 {row} 行</translation>
    </message>
    <message>
        <source>{code} is listed twice in this sheet (rows {rows})</source>
        <translation>{code} 在该工作表中出现两次（第 {rows} 行）</translation>
    </message>
    <message>
        <source>unknown name {name}: longer than any company name</source>
        <translation>未知名称 {name}：比任何公司名称都长</translation>
    </message>
    <message>
        <source>unknown name {name}</source>
        <translation>未知名称 {name}</translation>
    </message>
    <message>
        <source>{name} is {entity}, an unlisted entity</source>
        <translation>{name} 是 {entity}，一家未上市主体</translation>
    </message>
    <message>
        <source>ambiguous name: {name} could be {listed}</source>
        <translation>名称不明确：{name} 可能是 {listed}</translation>
    </message>
    <message>
        <source>ambiguous: code {code} with name {name} could be {listed}</source>
        <translation>不明确：代码 {code} 与名称 {name} 可能是 {listed}</translation>
    </message>
    <message>
        <source>code and name disagree: code {code} is {said}, but {other}</source>
        <translation>代码与名称不符：代码 {code} 是 {said}，但 {other}</translation>
    </message>
    <message>
        <source>correct the code or the name</source>
        <translation>请更正代码或名称</translation>
    </message>
    <message>
        <source>{code} is not a listing Chainwatch knows (not in the bundled A-share universe nor the knowledge base&apos;s companies)</source>
        <translation>{code} 不是 Chainwatch 已知的证券（既不在内置 A 股列表中，也不在知识库的公司中）</translation>
    </message>
    <message>
        <source>check the code, or keep it anyway (--keep-unknown)</source>
        <translation>请检查代码，或仍然保留（--keep-unknown）</translation>
    </message>
    <message>
        <source>the cell is part of merged cells {cells}, so it is empty here</source>
        <translation>该单元格属于合并单元格 {cells}，因此此处为空</translation>
    </message>
    <message>
        <source>unmerge them and fill in every row</source>
        <translation>请取消合并并填写每一行</translation>
    </message>
    <message>
        <source>the cell has a formula without a calculated value</source>
        <translation>该单元格含有未计算出值的公式</translation>
    </message>
    <message>
        <source>open and save the file in Excel or LibreOffice, or type the value</source>
        <translation>请在 Excel 或 LibreOffice 中打开并保存该文件，或直接输入数值</translation>
    </message>
    <message>
        <source>columns: {how}</source>
        <translation>列：{how}</translation>
    </message>
    <message>
        <source>header row {n} recognised</source>
        <translation>识别出第 {n} 行为表头</translation>
    </message>
    <message>
        <source>column {letter} holds codes</source>
        <translation>第 {letter} 列为代码</translation>
    </message>
    <message>
        <source>column {letter} holds company names</source>
        <translation>第 {letter} 列为公司名称</translation>
    </message>
    <message>
        <source>mapping given</source>
        <translation>已指定列对应关系</translation>
    </message>
    <message>
        <source>column mapping remembered from an earlier import of this layout</source>
        <translation>沿用此前导入同样格式时记住的列对应关系</translation>
    </message>
    <message>
        <source>no known header and no column of codes or names</source>
        <translation>没有可识别的表头，也没有代码或名称列</translation>
    </message>
    <message>
        <source>{n} row(s) already in {name} with nothing to change</source>
        <translation>{n} 行已在 {name} 中，无需更改</translation>
    </message>
    <message>
        <source>every row was rejected: nothing would be imported (no watchlist {name} is created)</source>
        <translation>所有行均被拒绝：不会导入任何内容（不会新建自选股列表 {name}）</translation>
    </message>
    <message>
        <source>read sheet {sheet}</source>
        <translation>已读取工作表 {sheet}</translation>
    </message>
    <message>
        <source>also has {sheets} (choose another sheet to import those)</source>
        <translation>另有 {sheets}（如需导入请另选工作表）</translation>
    </message>
    <message>
        <source>{file}, sheet {sheet}, row {row}: footer line skipped: {text}</source>
        <translation>{file}，工作表 {sheet}，第 {row} 行：跳过表尾行：{text}</translation>
    </message>
    <message>
        <source>{file}, row {row}: footer line skipped: {text}</source>
        <translation>{file}，第 {row} 行：跳过表尾行：{text}</translation>
    </message>
    <message>
        <source>row {row}: {note}</source>
        <translation>第 {row} 行：{note}</translation>
    </message>
    <message>
        <source>{code} is not a listing Chainwatch knows</source>
        <translation>{code} 不是 Chainwatch 已知的证券</translation>
    </message>
    <message>
        <source>kept as written</source>
        <translation>按原样保留</translation>
    </message>
    <message>
        <source>hidden sheet {sheet} was not read (unhide it in Excel to import it)</source>
        <translation>未读取隐藏的工作表 {sheet}（在 Excel 中取消隐藏后即可导入）</translation>
    </message>
    <message>
        <source>read as {encoding} text</source>
        <translation>按 {encoding} 编码的文本读取</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>reorder</source>
        <translation>重新排序</translation>
    </message>
    <message>
        <source>{n} create</source>
        <translation>新建 {n} 个</translation>
    </message>
    <message>
        <source>{n} add</source>
        <translation>添加 {n} 行</translation>
    </message>
    <message>
        <source>{n} remove</source>
        <translation>移除 {n} 行</translation>
    </message>
    <message>
        <source>{n} update</source>
        <translation>更新 {n} 项</translation>
    </message>
    <message>
        <source>{n} reorder</source>
        <translation>重新排序 {n} 个</translation>
    </message>
    <message>
        <source>sheet {sheet}</source>
        <translation>工作表 {sheet}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>第 {row} 行</translation>
    </message>
    <message>
        <source>column {column}</source>
        <translation>列 {column}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>: </source>
        <translation>：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>{n} conflict(s)</source>
        <translation>{n} 处冲突</translation>
    </message>
    <message>
        <source>{n} row(s) rejected</source>
        <translation>拒绝 {n} 行</translation>
    </message>
    <message>
        <source>{n} problem(s)</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>无更改</translation>
    </message>
</context>
<context>
    <name>Ingest</name>
    <message>
        <source>Reports (*.pdf *.docx *.html *.htm *.txt *.md);;PDF (*.pdf);;Word (*.docx);;Web page (*.html *.htm);;Text (*.txt *.md);;All files (*)</source>
        <translation>研报 (*.pdf *.docx *.html *.htm *.txt *.md);;PDF (*.pdf);;Word (*.docx);;网页 (*.html *.htm);;文本 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add &amp;report…</source>
        <translation>添加研报(&amp;R)…</translation>
    </message>
    <message>
        <source>Read a broker report (PDF, DOCX, HTML, TXT, MD), review what it names, add it as evidence</source>
        <translation>读取券商研报（PDF、DOCX、HTML、TXT、MD），审阅其中提及的内容，并作为证据添加</translation>
    </message>
    <message>
        <source>Pa&amp;ste report…</source>
        <translation>粘贴研报(&amp;S)…</translation>
    </message>
    <message>
        <source>Paste the text of a report or article, review what it names, add it as evidence</source>
        <translation>粘贴研报或文章的文本，审阅其中提及的内容，并作为证据添加</translation>
    </message>
    <message>
        <source>Add a report</source>
        <translation>添加研报</translation>
    </message>
    <message>
        <source>Paste a report</source>
        <translation>粘贴研报</translation>
    </message>
    <message>
        <source>Title or source (optional: proposed from the text)</source>
        <translation>标题或来源（可选：将根据文本推测）</translation>
    </message>
    <message>
        <source>Paste the text of a broker report, a news piece or a WeChat article here.</source>
        <translation>在此粘贴券商研报、新闻或微信公众号文章的文本。</translation>
    </message>
    <message>
        <source>Analyse</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} 个字符</translation>
    </message>
    <message>
        <source> — more than {max}: too long</source>
        <translation> — 超过 {max}：过长</translation>
    </message>
    <message>
        <source>Reading {what}…</source>
        <translation>正在读取 {what}…</translation>
    </message>
    <message>
        <source>Finding companies and links in {what}…</source>
        <translation>正在识别 {what} 中的公司和关联…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelled {what}: nothing changed.</source>
        <translation>已取消 {what}：未做任何更改。</translation>
    </message>
    <message>
        <source>{what} could not be read:</source>
        <translation>无法读取 {what}：</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>未做任何更改。</translation>
    </message>
    <message>
        <source>{what} could not be analysed (an unexpected error, logged):</source>
        <translation>无法分析 {what}（意外错误，已记录日志）：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Watchlist</source>
        <translation>自选股(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Screen</source>
        <translation>选股(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Prices</source>
        <translation>行情(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Chainwatch — China / HK AI stock desk</source>
        <translation>Chainwatch — 中国/港股 AI 股票工作台</translation>
    </message>
    <message>
        <source>Loading the knowledge base…</source>
        <translation>正在加载知识库…</translation>
    </message>
    <message>
        <source>Opening the store and the knowledge base…</source>
        <translation>正在打开数据库和知识库…</translation>
    </message>
    <message>
        <source> The table shows it as you left it until then.</source>
        <translation> 在此之前，表格显示您上次离开时的内容。</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>Copy &amp;code as</source>
        <translation>复制代码为(&amp;C)</translation>
    </message>
    <message>
        <source>Copied {n} code(s) ({dialect})</source>
        <translation>已复制 {n} 个代码（{dialect}）</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Undo {what} (Ctrl+Z)</source>
        <translation>撤销{what}（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Redo {what} (Ctrl+Shift+Z)</source>
        <translation>重做{what}（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <source>&amp;Names</source>
        <translation>名称(&amp;N)</translation>
    </message>
    <message>
        <source>简体 Simplified</source>
        <translation>简体</translation>
    </message>
    <message>
        <source>繁體 Traditional</source>
        <translation>繁體</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Fit columns to content</source>
        <translation>列宽适应内容(&amp;F)</translation>
    </message>
    <message>
        <source>Size every column to its content</source>
        <translation>按内容调整每列宽度</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About the data</source>
        <translation>关于数据(&amp;A)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>KB {version} · {n} reports</source>
        <translation>知识库 {version} · {n} 份研报</translation>
    </message>
    <message>
        <source>store {path}</source>
        <translation>数据库 {path}</translation>
    </message>
    <message>
        <source>Not opened: see the message above (File &gt; Quit, then fix and restart).</source>
        <translation>未能打开：见上方消息（文件 &gt; 退出，修正后重新启动）。</translation>
    </message>
    <message>
        <source>Could not open the store or the knowledge base:</source>
        <translation>无法打开数据库或知识库：</translation>
    </message>
    <message>
        <source>Could not open the store or the knowledge base.</source>
        <translation>无法打开数据库或知识库。</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>显示 {shown} / {total}</translation>
    </message>
    <message>
        <source>No row matches the filters (Esc in the filter bar clears them).</source>
        <translation>没有符合筛选条件的行（在筛选栏按 Esc 清除）。</translation>
    </message>
    <message>
        <source>Sorted by {columns}</source>
        <translation>按 {columns} 排序</translation>
    </message>
    <message>
        <source>List order</source>
        <translation>列表顺序</translation>
    </message>
    <message>
        <source>  (needs prices)</source>
        <translation>  （需要行情）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System ({language})</source>
        <translation>跟随系统（{language}）(&amp;S)</translation>
    </message>
    <message>
        <source>About the data</source>
        <translation>关于数据</translation>
    </message>
    <message>
        <source>&lt;p&gt;Knowledge base {version}: {companies} companies, {entities} unlisted entities, {edges} supplier edges, {themes} themes.&lt;/p&gt;</source>
        <translation>&lt;p&gt;知识库 {version}：{companies} 家公司，{entities} 个非上市主体，{edges} 条供应关系，{themes} 个主题。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Every link carries a verbatim quote. Report 002 is AI-compiled and cites no sources; its claims are flagged.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每条关联都附有研报原文。研报 002 为 AI 汇编且未注明来源，其内容均已标注。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <source>Which column is which?</source>
        <translation>各列分别是什么？</translation>
    </message>
    <message>
        <source>{file}, sheet “{sheet}”: {reason}.</source>
        <translation>{file}，工作表“{sheet}”：{reason}。</translation>
    </message>
    <message>
        <source>Pick the columns; the choice is remembered for files laid out like this one.</source>
        <translation>请选择对应的列；相同格式的文件将记住此选择。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>{letter}: {header} — e.g. {samples}</source>
        <translation>{letter}：{header} — 例如 {samples}</translation>
    </message>
    <message>
        <source>(no header)</source>
        <translation>（无表头）</translation>
    </message>
    <message>
        <source>no header row</source>
        <translation>无表头行</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Import {file} — review the changes</source>
        <translation>导入 {file} — 审阅更改</translation>
    </message>
    <message>
        <source>Chainwatch workbook</source>
        <translation>Chainwatch 工作簿</translation>
    </message>
    <message>
        <source>list from another tool</source>
        <translation>其他工具的列表</translation>
    </message>
    <message>
        <source>Nothing has changed yet.</source>
        <translation>尚未做任何更改。</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>自选股列表</translation>
    </message>
    <message>
        <source>Sheet / row</source>
        <translation>工作表 / 行</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>更改</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Changes ({n})</source>
        <translation>更改（{n}）</translation>
    </message>
    <message>
        <source>Watchlist / code</source>
        <translation>自选股列表 / 代码</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>At export</source>
        <translation>导出时</translation>
    </message>
    <message>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <source>App now</source>
        <translation>应用当前</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>— decide —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>the workbook&apos;s</source>
        <translation>工作簿的</translation>
    </message>
    <message>
        <source>the app&apos;s (keep)</source>
        <translation>应用的（保留）</translation>
    </message>
    <message>
        <source>Conflicts ({n})</source>
        <translation>冲突（{n}）</translation>
    </message>
    <message>
        <source>Problems — fix the file first; nothing can be imported:</source>
        <translation>问题 — 请先修正文件；目前无法导入任何内容：</translation>
    </message>
    <message>
        <source>Rows left out:</source>
        <translation>略过的行：</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Problems ({problems}) · rejected ({rejected})</source>
        <translation>问题（{problems}）· 拒绝（{rejected}）</translation>
    </message>
    <message>
        <source>Apply all</source>
        <translation>全部应用</translation>
    </message>
    <message>
        <source>Skip {n} rejected rows and apply the rest</source>
        <translation>跳过 {n} 个被拒绝的行并应用其余部分</translation>
    </message>
    <message>
        <source>Skip {n} rejected row and apply the rest</source>
        <translation>跳过 {n} 个被拒绝的行并应用其余部分</translation>
    </message>
    <message>
        <source>Decide every conflict first</source>
        <translation>请先处理每个冲突</translation>
    </message>
</context>
<context>
    <name>Prices</name>
    <message>
        <source>No network connection: the price source could not be reached ({reason}).</source>
        <translation>无网络连接：无法连接行情源（{reason}）。</translation>
    </message>
    <message>
        <source>Check the connection (or a proxy / firewall) and press F5 again.</source>
        <translation>请检查网络连接（或代理/防火墙）后再按 F5。</translation>
    </message>
    <message>
        <source>No network connection — unreachable: {sources}.</source>
        <translation>无网络连接 — 无法连接：{sources}。</translation>
    </message>
    <message>
        <source>The price source failed: {reason}.</source>
        <translation>行情源出错：{reason}。</translation>
    </message>
    <message>
        <source>Try again later, or import a price file (Prices &gt; Import price history…).</source>
        <translation>请稍后重试，或导入行情文件（行情 &gt; 导入历史行情…）。</translation>
    </message>
    <message>
        <source>The price source failed for {n} code(s), mostly: {reason}.</source>
        <translation>行情源对 {n} 个代码出错，主要原因：{reason}。</translation>
    </message>
    <message>
        <source>Details below; try again later, or import a price file (Prices &gt; Import price history…).</source>
        <translation>详情见下；请稍后重试，或导入行情文件（行情 &gt; 导入历史行情…）。</translation>
    </message>
    <message>
        <source>{n} of {total} code(s) not updated; their cached prices are kept.</source>
        <translation>{total} 个代码中有 {n} 个未更新；保留其缓存行情。</translation>
    </message>
    <message>
        <source>&amp;Refresh prices</source>
        <translation>刷新行情(&amp;R)</translation>
    </message>
    <message>
        <source>Download missing daily bars for this list and the benchmarks</source>
        <translation>下载本列表及基准指数缺失的日K线</translation>
    </message>
    <message>
        <source>Refresh &amp;all watchlists</source>
        <translation>刷新全部自选股列表(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel download</source>
        <translation>取消下载(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import price history…</source>
        <translation>导入历史行情(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a CSV/xlsx of daily prices (Wind, Choice, Yahoo, akshare)</source>
        <translation>导入日线行情 CSV/xlsx（Wind、Choice、Yahoo、akshare）</translation>
    </message>
    <message>
        <source>A download is already running (Prices &gt; Cancel download).</source>
        <translation>已有下载正在进行（行情 &gt; 取消下载）。</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v / %m</translation>
    </message>
    <message>
        <source>Downloading prices… (Prices &gt; Cancel download)</source>
        <translation>正在下载行情…（行情 &gt; 取消下载）</translation>
    </message>
    <message>
        <source>{n} failed</source>
        <translation>{n} 个失败</translation>
    </message>
    <message>
        <source>Downloading prices… {done} of {total} — {n} failed: {reason}</source>
        <translation>正在下载行情… {done} / {total} — {n} 个失败：{reason}</translation>
    </message>
    <message>
        <source>Downloading prices… {done} of {total}</source>
        <translation>正在下载行情… {done} / {total}</translation>
    </message>
    <message>
        <source>Cancelling after the current code…</source>
        <translation>将在当前代码完成后取消…</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>行情</translation>
    </message>
    <message>
        <source>The download failed; cached prices are kept.</source>
        <translation>下载失败；保留缓存行情。</translation>
    </message>
    <message>
        <source>Prices: {n} updated (+{bars} bars)</source>
        <translation>行情：已更新 {n} 个（新增 {bars} 根K线）</translation>
    </message>
    <message>
        <source>Prices: {n} updated</source>
        <translation>行情：已更新 {n} 个</translation>
    </message>
    <message>
        <source>, {n} cancelled</source>
        <translation>，{n} 个已取消</translation>
    </message>
    <message>
        <source> Cached prices run to {date}.</source>
        <translation> 缓存行情截至 {date}。</translation>
    </message>
    <message>
        <source>, {n} failed — cached data kept</source>
        <translation>，{n} 个失败 — 保留缓存数据</translation>
    </message>
    <message>
        <source> (to {date})</source>
        <translation>（截至 {date}）</translation>
    </message>
    <message>
        <source>unreachable: {sources}</source>
        <translation>无法连接：{sources}</translation>
    </message>
    <message>
        <source>Import price history</source>
        <translation>导入历史行情</translation>
    </message>
    <message>
        <source>Price files (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>行情文件 (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported prices for {n} code(s) from {path}</source>
        <translation>已从 {path} 导入 {n} 个代码的行情</translation>
    </message>
    <message>
        <source>No rows.</source>
        <translation>没有数据行。</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Importing {path}…</source>
        <translation>正在导入 {path}…</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>{name} (screened)</source>
        <translation>{name}（已筛选）</translation>
    </message>
    <message>
        <source>Equal-weight basket of the companies above</source>
        <translation>以上公司的等权组合</translation>
    </message>
    <message>
        <source>text “{text}”</source>
        <translation>文本“{text}”</translation>
    </message>
    <message>
        <source>market {markets}</source>
        <translation>市场 {markets}</translation>
    </message>
    <message>
        <source>theme {theme}</source>
        <translation>主题 {theme}</translation>
    </message>
    <message>
        <source>customer {customer}</source>
        <translation>客户 {customer}</translation>
    </message>
    <message>
        <source>segment {segment}</source>
        <translation>环节 {segment}</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>状态 {status}</translation>
    </message>
    <message>
        <source>share ≥ {share}%</source>
        <translation>份额 ≥ {share}%</translation>
    </message>
    <message>
        <source>tags {tags}</source>
        <translation>标签 {tags}</translation>
    </message>
    <message>
        <source>rating ≥ {rating}</source>
        <translation>评级 ≥ {rating}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Nothing to print: the table shows no rows.</source>
        <translation>没有可打印的内容：表格中没有数据行。</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <source>Saved {path} ({pages} pages, {paper} {orientation})</source>
        <translation>已保存 {path}（{pages} 页，{paper} {orientation}）</translation>
    </message>
    <message>
        <source>Could not write {path}:</source>
        <translation>无法写入 {path}：</translation>
    </message>
    <message>
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print a summary of what the table shows</source>
        <translation>打印表格当前内容的摘要</translation>
    </message>
    <message>
        <source>Print Pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Preview the printed summary</source>
        <translation>预览打印摘要</translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the summary as PDF</source>
        <translation>将摘要保存为 PDF</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Exch.</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Chain role</source>
        <translation>产业链角色</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>最新价</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>涨跌幅</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标价</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Src</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Company table</source>
        <translation>公司表</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Theme members</source>
        <translation>主题成分股</translation>
    </message>
    <message>
        <source>Theme supplier chains</source>
        <translation>主题产业链</translation>
    </message>
    <message>
        <source>Evidence footnotes</source>
        <translation>证据脚注</translation>
    </message>
    <message>
        <source>Watchlist summary</source>
        <translation>自选股列表摘要</translation>
    </message>
    <message>
        <source>Screen summary</source>
        <translation>选股结果摘要</translation>
    </message>
    <message>
        <source>Theme summary</source>
        <translation>主题摘要</translation>
    </message>
    <message>
        <source>Company summary</source>
        <translation>公司摘要</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>自选股列表</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>选股</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>所选公司</translation>
    </message>
    <message>
        <source>Recommendation: {action}</source>
        <translation>推荐：{action}</translation>
    </message>
    <message>
        <source>Supplies {segment} → {customer} {share}</source>
        <translation>供货 {segment} → {customer} {share}</translation>
    </message>
    <message>
        <source>Supplies {segment} → {customer} {share} ({status})</source>
        <translation>供货 {segment} → {customer} {share}（{status}）</translation>
    </message>
    <message>
        <source>Theme {theme}: {role}</source>
        <translation>主题 {theme}：{role}</translation>
    </message>
    <message>
        <source>Theme {theme}</source>
        <translation>主题 {theme}</translation>
    </message>
    <message>
        <source>Named in the report</source>
        <translation>研报中提及</translation>
    </message>
    <message>
        <source>{supplier} supplies {segment} → {customer}</source>
        <translation>{supplier} 供货 {segment} → {customer}</translation>
    </message>
    <message>
        <source>portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <source>landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <source>{kind}: {name}</source>
        <translation>{kind}：{name}</translation>
    </message>
    <message>
        <source>reports to {date}</source>
        <translation>研报截至 {date}</translation>
    </message>
    <message>
        <source>prices as of {date}</source>
        <translation>行情截至 {date}</translation>
    </message>
    <message>
        <source>prices as of {date} (oldest {oldest})</source>
        <translation>行情截至 {date}（最早 {oldest}）</translation>
    </message>
    <message>
        <source>no cached prices</source>
        <translation>无缓存行情</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Report {n}</source>
        <translation>研报 {n}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>研报</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Data as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <source>Filters in force</source>
        <translation>当前筛选</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source> ({n} with cached prices)</source>
        <translation>（{n} 家有缓存行情）</translation>
    </message>
    <message>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <source>version {version}, built from broker reports</source>
        <translation>版本 {version}，基于券商研报构建</translation>
    </message>
    <message>
        <source>Not shown, empty for every company: {columns}.</source>
        <translation>未显示（所有公司均为空）：{columns}。</translation>
    </message>
    <message>
        <source>No cached prices.</source>
        <translation>无缓存行情。</translation>
    </message>
    <message>
        <source>Src: evidence footnotes at the end; * = from an AI-compiled report.</source>
        <translation>来源：证据脚注见文末；* = 来自 AI 汇编的研报。</translation>
    </message>
    <message>
        <source>Last and Chg: cached prices in local currency and their latest change.</source>
        <translation>最新价和涨跌幅：以当地货币计的缓存行情及其最新涨跌。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Supplier chain</source>
        <translation>产业链</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Sources and evidence</source>
        <translation>来源与证据</translation>
    </message>
    <message>
        <source>The broker reports cited. [AI-compiled] marks a report compiled by an AI tool: check its claims before relying on them.</source>
        <translation>所引用的券商研报。[AI 汇编] 表示由 AI 工具汇编的研报：引用其内容前请核实。</translation>
    </message>
    <message>
        <source>Evidence: what each note supports, the report it comes from, and the report&apos;s words.</source>
        <translation>证据：每条脚注支持的内容、出处研报及研报原文。</translation>
    </message>
    <message>
        <source>[AI-compiled]</source>
        <translation>[AI 汇编]</translation>
    </message>
    <message>
        <source>. </source>
        <translation>。</translation>
    </message>
    <message>
        <source>printed {date}</source>
        <translation>打印于 {date}</translation>
    </message>
    <message>
        <source>page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
    <message>
        <source>Chainwatch · data: {date}</source>
        <translation>Chainwatch · 数据：{date}</translation>
    </message>
    <message>
        <source>Print preview — {title}</source>
        <translation>打印预览 — {title}</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Choose the parts of the summary to print</source>
        <translation>选择要打印的摘要部分</translation>
    </message>
    <message>
        <source>Print — {title}</source>
        <translation>打印 — {title}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RangeBar</name>
    <message>
        <source>the whole cached history</source>
        <translation>全部已缓存的历史</translation>
    </message>
    <message>
        <source>since the last close of last year</source>
        <translation>自去年最后一个收盘价起</translation>
    </message>
    <message>
        <source>the last month</source>
        <translation>最近一个月</translation>
    </message>
    <message>
        <source>the last 3 months</source>
        <translation>最近三个月</translation>
    </message>
    <message>
        <source>the last year</source>
        <translation>最近一年</translation>
    </message>
    <message>
        <source>1M</source>
        <translation>近1月</translation>
    </message>
    <message>
        <source>3M</source>
        <translation>近3月</translation>
    </message>
    <message>
        <source>YTD</source>
        <translation>今年以来</translation>
    </message>
    <message>
        <source>1Y</source>
        <translation>近1年</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>named in the same clause</source>
        <translation>同一分句中提及</translation>
    </message>
    <message>
        <source>named in the sentence</source>
        <translation>同一句中提及</translation>
    </message>
    <message>
        <source>listed under {lead}</source>
        <translation>列于 {lead} 之下</translation>
    </message>
    <message>
        <source>from the heading {heading}</source>
        <translation>来自标题 {heading}</translation>
    </message>
    <message>
        <source>&apos;其&apos; = {name}</source>
        <translation>“其” = {name}</translation>
    </message>
    <message>
        <source>{group} = {names} (defined earlier; the quote does not name the party)</source>
        <translation>{group} = {names}（前文定义；引文未提及该方）</translation>
    </message>
    <message>
        <source>holds {stake}</source>
        <translation>持有 {stake}</translation>
    </message>
    <message>
        <source>&apos;{words}&apos;</source>
        <translation>“{words}”</translation>
    </message>
    <message>
        <source>clause</source>
        <translation>分句</translation>
    </message>
    <message>
        <source>list item</source>
        <translation>列表项</translation>
    </message>
    <message>
        <source>sentence</source>
        <translation>句子</translation>
    </message>
    <message>
        <source>heading</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>default for this wording</source>
        <translation>该措辞的默认值</translation>
    </message>
    <message>
        <source>knowledge-base name {name}</source>
        <translation>知识库名称 {name}</translation>
    </message>
    <message>
        <source>knowledge-base alias {name}</source>
        <translation>知识库别名 {name}</translation>
    </message>
    <message>
        <source>knowledge-base short alias {name}</source>
        <translation>知识库简短别名 {name}</translation>
    </message>
    <message>
        <source>named {n} times</source>
        <translation>提及 {n} 次</translation>
    </message>
    <message>
        <source>not yet in the knowledge base</source>
        <translation>尚未收入知识库</translation>
    </message>
    <message>
        <source>the text never names it in full or by code, and the two characters may be a word</source>
        <translation>正文从未以全称或代码提及，这两个字可能只是普通词语</translation>
    </message>
    <message>
        <source>{surface} is a listed short name ({ref}) but here it may be part of a longer word ({word})</source>
        <translation>{surface} 是上市公司简称（{ref}），但此处可能是更长词语的一部分（{word}）</translation>
    </message>
    <message>
        <source>{surface} is a listed short name ({ref}) but also an ordinary word or very short</source>
        <translation>{surface} 是上市公司简称（{ref}），但也是普通词语或过短</translation>
    </message>
    <message>
        <source>confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <source>short name of {ref} in the A-share universe</source>
        <translation>A 股列表中 {ref} 的简称</translation>
    </message>
    <message>
        <source>{surface} is the name of several parties</source>
        <translation>{surface} 是多个主体的名称</translation>
    </message>
    <message>
        <source>name {surface} and code {code} agree</source>
        <translation>名称 {surface} 与代码 {code} 一致</translation>
    </message>
    <message>
        <source>name {surface} says {refs} but code {code} is {name}</source>
        <translation>名称 {surface} 指 {refs}，但代码 {code} 是 {name}</translation>
    </message>
    <message>
        <source>code {code} not in the desk&apos;s lists</source>
        <translation>代码 {code} 不在本系统的列表中</translation>
    </message>
    <message>
        <source>name {surface}</source>
        <translation>名称 {surface}</translation>
    </message>
    <message>
        <source>code {code} ({name})</source>
        <translation>代码 {code}（{name}）</translation>
    </message>
    <message>
        <source>not a code: {error}</source>
        <translation>不是代码：{error}</translation>
    </message>
    <message>
        <source>{code} is in no list the desk has (refresh the universe)</source>
        <translation>{code} 不在本系统的任何列表中（请更新公司列表）</translation>
    </message>
    <message>
        <source>bare number in brackets after a name</source>
        <translation>名称后括号中的纯数字</translation>
    </message>
    <message>
        <source>bare number after {cue}</source>
        <translation>{cue} 之后的纯数字</translation>
    </message>
    <message>
        <source>resolved by hand (was {old})</source>
        <translation>手动指定（原为 {old}）</translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>{supplier} supplies {customer} ({how})</source>
        <translation>{supplier} 供货给 {customer}（{how}）</translation>
    </message>
    <message>
        <source>segment {segment} from the {where}</source>
        <translation>环节 {segment} 取自{where}</translation>
    </message>
    <message>
        <source>explicit supply wording</source>
        <translation>明确的供货措辞</translation>
    </message>
    <message>
        <source>share {share}% of {of}</source>
        <translation>{of}份额 {share}%</translation>
    </message>
    <message>
        <source>the supplier&apos;s name is a weak match</source>
        <translation>供应商名称为弱匹配</translation>
    </message>
    <message>
        <source>argued, not stated ({words})</source>
        <translation>推测，并非陈述（{words}）</translation>
    </message>
    <message>
        <source>argued, not stated</source>
        <translation>推测，并非陈述</translation>
    </message>
    <message>
        <source>the section calls it potential</source>
        <translation>所在章节称其为潜在</translation>
    </message>
    <message>
        <source>the quote does not name {name}</source>
        <translation>引文未提及 {name}</translation>
    </message>
    <message>
        <source>stated in {n} sentences</source>
        <translation>共 {n} 句提及</translation>
    </message>
    <message>
        <source>{words} before {hub}: the customer takes the hub&apos;s model</source>
        <translation>{hub} 之前的 {words}：客户采用该平台的模型</translation>
    </message>
    <message>
        <source>{cue} between {parent} and {child}</source>
        <translation>{parent} 与 {child} 之间的 {cue}</translation>
    </message>
    <message>
        <source>{cue} between the two</source>
        <translation>两者之间的 {cue}</translation>
    </message>
    <message>
        <source>stake {stake}% stated</source>
        <translation>明确持股 {stake}%</translation>
    </message>
    <message>
        <source>{source} → {target}: {why}</source>
        <translation>{source} → {target}：{why}</translation>
    </message>
    <message>
        <source>{found} of its {members} members named</source>
        <translation>提及其 {members} 家成员中的 {found} 家</translation>
    </message>
    <message>
        <source>title words {pct} in the headings</source>
        <translation>标题用词 {pct} 见于各级标题</translation>
    </message>
    <message>
        <source>already a member</source>
        <translation>已是成员</translation>
    </message>
    <message>
        <source>this report names it too</source>
        <translation>本研报也提及</translation>
    </message>
    <message>
        <source>section heading naming a group of {n} listed companies</source>
        <translation>章节标题下列出 {n} 家上市公司</translation>
    </message>
    <message>
        <source>named in the section {title}</source>
        <translation>在章节 {title} 中提及</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>page {pages}</source>
        <translation>第 {pages} 页</translation>
    </message>
    <message>
        <source>pages {pages}</source>
        <translation>第 {pages} 页</translation>
    </message>
    <message>
        <source>header</source>
        <translation>页眉</translation>
    </message>
    <message>
        <source>footer</source>
        <translation>页脚</translation>
    </message>
    <message>
        <source>{pages} without text (images only?)</source>
        <translation>{pages}没有文字（只有图片？）</translation>
    </message>
    <message>
        <source>{pages} read as two columns</source>
        <translation>{pages}按双栏读取</translation>
    </message>
    <message>
        <source>trafilatura is not installed: main text taken with the simple reader</source>
        <translation>未安装 trafilatura：正文由简易读取器提取</translation>
    </message>
    <message>
        <source>no main text found by trafilatura: the page&apos;s text is taken whole</source>
        <translation>trafilatura 未找到正文：采用网页全部文字</translation>
    </message>
    <message>
        <source>{n} CJK radical look-alikes replaced by their characters (⼈→人)</source>
        <translation>{n} 个形似部首的字符已替换为对应汉字（⼈→人）</translation>
    </message>
    <message>
        <source>running {where} {text} on {n} pages</source>
        <translation>{n} 页上重复的{where} {text}</translation>
    </message>
    <message>
        <source>page numbers ({n})</source>
        <translation>页码（{n}）</translation>
    </message>
    <message>
        <source>disclaimer page {pages}</source>
        <translation>免责声明页 {pages}</translation>
    </message>
    <message>
        <source>disclaimer pages {pages}</source>
        <translation>免责声明页 {pages}</translation>
    </message>
    <message>
        <source>disclaimer section {text} at the end of page {n}</source>
        <translation>第 {n} 页末尾的免责声明部分 {text}</translation>
    </message>
    <message>
        <source>Already in the desk: this text is part of the report {what} ({file}; {m} of its {n} sentences are in that report); applying it would count that evidence twice.</source>
        <translation>系统中已有：此文本是研报 {what} 的一部分（{file}；其 {n} 句中有 {m} 句出自该研报）；应用会使这些证据重复计算。</translation>
    </message>
    <message>
        <source>Already in the desk: this text looks like part of the report {what} ({file}; {m} of its {n} sentences hold that report&apos;s quotes verbatim); applying it would count that evidence twice.</source>
        <translation>系统中已有：此文本似为研报 {what} 的一部分（{file}；其 {n} 句中有 {m} 句逐字含有该研报的引文）；应用会使这些证据重复计算。</translation>
    </message>
    <message>
        <source>{m} of its {n} sentences are that report&apos;s</source>
        <translation>其 {n} 句中有 {m} 句出自该研报</translation>
    </message>
    <message>
        <source>the same text</source>
        <translation>正文相同</translation>
    </message>
    <message>
        <source>all {n} of its quotes are in this text</source>
        <translation>其全部 {n} 条引文都在本文中</translation>
    </message>
    <message>
        <source>{m} of its {n} quotes are in this text</source>
        <translation>其 {n} 条引文中有 {m} 条在本文中</translation>
    </message>
    <message>
        <source>Already in the desk: this is the report {what} ({file}; {how}); applying it again would count its evidence twice.</source>
        <translation>系统中已有此研报：即 {what}（{file}；{how}）；再次应用会使其证据重复计算。</translation>
    </message>
</context>
<context>
    <name>RelativePerformanceChart</name>
    <message>
        <source>these listings</source>
        <translation>这些证券</translation>
    </message>
    <message>
        <source>no prices: {codes}</source>
        <translation>无行情：{codes}</translation>
    </message>
</context>
<context>
    <name>ReportFigures</name>
    <message>
        <source>Open a desk to see the reports&apos; figures (the knowledge base is not loaded yet).</source>
        <translation>打开数据库以查看研报数据（知识库尚未加载）。</translation>
    </message>
    <message>
        <source>The knowledge base has no {what} yet (data/figures/{table}.csv). It appears here once the table is added.</source>
        <translation>知识库中尚无{what}（data/figures/{table}.csv）。添加该表后即在此显示。</translation>
    </message>
    <message>
        <source>LLM API prices (input / output, per 1M tokens)</source>
        <translation>大模型 API 价格（输入 / 输出，每百万 tokens）</translation>
    </message>
    <message>
        <source>LLM context windows</source>
        <translation>大模型上下文窗口</translation>
    </message>
    <message>
        <source>Daily token volumes</source>
        <translation>每日 token 调用量</translation>
    </message>
    <message>
        <source>MiniMax revenue forecast</source>
        <translation>MiniMax 收入预测</translation>
    </message>
    <message>
        <source>Zhipu revenue by customer industry</source>
        <translation>智谱按客户行业划分的收入</translation>
    </message>
    <message>
        <source>Model call market shares</source>
        <translation>模型调用市场份额</translation>
    </message>
    <message>
        <source>Suppliers&apos; shares of orders</source>
        <translation>供应商订单份额</translation>
    </message>
    <message>
        <source>HK LLM listings</source>
        <translation>港股大模型上市</translation>
    </message>
    <message>
        <source>Spring Festival red-packet spending</source>
        <translation>春节红包投入</translation>
    </message>
    <message>
        <source>Figure:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <source>numbers for “{title}”</source>
        <translation>“{title}”的数据</translation>
    </message>
    <message>
        <source>table for “{title}”</source>
        <translation>“{title}”的数据表</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <source>Context window (thousand tokens)</source>
        <translation>上下文窗口（千 tokens）</translation>
    </message>
    <message>
        <source>Daily token calls (trillion tokens / day)</source>
        <translation>每日 token 调用量（万亿 tokens / 天）</translation>
    </message>
    <message>
        <source>trillion tokens / day</source>
        <translation>万亿 tokens / 天</translation>
    </message>
    <message>
        <source>Revenue by segment (USD m; A = actual, E = Bloomberg consensus)</source>
        <translation>分业务收入（百万美元；A = 实际，E = 彭博一致预期）</translation>
    </message>
    <message>
        <source>AI-native products</source>
        <translation>AI 原生产品</translation>
    </message>
    <message>
        <source>Open platform (API)</source>
        <translation>开放平台（API）</translation>
    </message>
    <message>
        <source>Share-price gain after listing (%)</source>
        <translation>上市后股价涨幅（%）</translation>
    </message>
    <message>
        <source>Market cap (HKD bn)</source>
        <translation>市值（十亿港元）</translation>
    </message>
    <message>
        <source>HKD bn</source>
        <translation>十亿港元</translation>
    </message>
    <message>
        <source>Spring Festival 2026 AI red-packet spending (CNY bn)</source>
        <translation>2026 年春节 AI 红包投入（十亿元）</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>= (exact)</source>
        <translation>=（确切）</translation>
    </message>
    <message>
        <source>Accept (checked) or reject (unchecked); Space toggles the selected rows</source>
        <translation>接受（勾选）或拒绝（不勾选）；空格键切换所选行</translation>
    </message>
    <message>
        <source>⚠ argued</source>
        <translation>⚠ 推测</translation>
    </message>
    <message>
        <source>The sentence argues, hopes or guesses (可能, 有望, 或将, 若 …): not a stated fact</source>
        <translation>该句为论证、期望或推测（可能、有望、或将、若……），并非陈述的事实</translation>
    </message>
    <message>
        <source>Code / id</source>
        <translation>代码 / ID</translation>
    </message>
    <message>
        <source>Double-click (or F2) to change the company this resolves to</source>
        <translation>双击（或按 F2）更改其对应的公司</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Exch.</source>
        <translation>市场</translation>
    </message>
    <message>
        <source>unlisted</source>
        <translation>未上市</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及次数</translation>
    </message>
    <message>
        <source>Conf.</source>
        <translation>置信度</translation>
    </message>
    <message>
        <source>Weak</source>
        <translation>弱匹配</translation>
    </message>
    <message>
        <source>weak</source>
        <translation>弱</translation>
    </message>
    <message>
        <source>In KB</source>
        <translation>知识库中</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新</translation>
    </message>
    <message>
        <source>Already in the knowledge base</source>
        <translation>已在知识库中</translation>
    </message>
    <message>
        <source>New to the desk: added with the report</source>
        <translation>系统中没有：随研报一并添加</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Argued</source>
        <translation>推测</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>份额</translation>
    </message>
    <message>
        <source>The figure as stated in the quote (edit: 0–100, empty = none)</source>
        <translation>引文中所述的数字（编辑：0–100，空 = 无）</translation>
    </message>
    <message>
        <source>Qual.</source>
        <translation>限定</translation>
    </message>
    <message>
        <source>How the share is qualified: &gt; 超/逾, ~ 约/近, = exact</source>
        <translation>份额的限定：&gt; 超/逾，~ 约/近，= 确切</translation>
    </message>
    <message>
        <source>Share of</source>
        <translation>份额口径</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <source>To</source>
        <translation>指向</translation>
    </message>
    <message>
        <source>Stake</source>
        <translation>持股</translation>
    </message>
    <message>
        <source>Theme / member</source>
        <translation>主题 / 成分股</translation>
    </message>
    <message>
        <source>Kind / role</source>
        <translation>类型 / 角色</translation>
    </message>
    <message>
        <source>Quote / reason</source>
        <translation>原文 / 依据</translation>
    </message>
    <message>
        <source>new theme</source>
        <translation>新主题</translation>
    </message>
    <message>
        <source>existing theme</source>
        <translation>已有主题</translation>
    </message>
    <message>
        <source> (heading “{heading}”)</source>
        <translation>（标题“{heading}”）</translation>
    </message>
    <message>
        <source>member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Publisher / broker</source>
        <translation>发布机构 / 券商</translation>
    </message>
    <message>
        <source>Publisher (English)</source>
        <translation>发布机构（英文）</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>YYYY-MM-DD or YYYY-MM</source>
        <translation>YYYY-MM-DD 或 YYYY-MM</translation>
    </message>
    <message>
        <source>Analysts</source>
        <translation>分析师</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>以逗号分隔</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评级</translation>
    </message>
    <message>
        <source>From the text: “{text}”</source>
        <translation>来自原文：“{text}”</translation>
    </message>
    <message>
        <source>AI-compiled</source>
        <translation>AI 汇编</translation>
    </message>
    <message>
        <source>The text says it was generated or compiled by AI (like report 002)</source>
        <translation>文本声明由 AI 生成或汇编（如研报 002）</translation>
    </message>
    <message>
        <source>Cites no sources</source>
        <translation>未注明来源</translation>
    </message>
    <message>
        <source>Claims from an AI-compiled report are flagged wherever they show (evidence, chain, print).</source>
        <translation>来自 AI 汇编研报的内容在各处（证据、产业链、打印）均会标注。</translation>
    </message>
    <message>
        <source>a title is needed</source>
        <translation>需要标题</translation>
    </message>
    <message>
        <source>a date is needed</source>
        <translation>需要日期</translation>
    </message>
    <message>
        <source>date “{date}” is not YYYY-MM-DD or YYYY-MM</source>
        <translation>日期“{date}”不是 YYYY-MM-DD 或 YYYY-MM 格式</translation>
    </message>
    <message>
        <source>Review — {title}</source>
        <translation>审阅 — {title}</translation>
    </message>
    <message>
        <source>company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>weak: check</source>
        <translation>弱匹配：请核对</translation>
    </message>
    <message>
        <source>unresolved</source>
        <translation>未识别</translation>
    </message>
    <message>
        <source>quote</source>
        <translation>引文</translation>
    </message>
    <message>
        <source>its parties</source>
        <translation>相关方</translation>
    </message>
    <message>
        <source>this mention</source>
        <translation>本处提及</translation>
    </message>
    <message>
        <source>Blue: a company the report names; yellow, wavy: a weak match to confirm; grey: a name or code that matched nothing known; green: the quote of the selected row</source>
        <translation>蓝色：研报提及的公司；黄色波浪线：需确认的弱匹配；灰色：未匹配到已知对象的名称或代码；绿色：所选行的原文</translation>
    </message>
    <message>
        <source>{n} characters</source>
        <translation>{n} 个字符</translation>
    </message>
    <message>
        <source>{n} parts dropped by extraction</source>
        <translation>提取时删除了 {n} 部分</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>研报</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Supplier edges</source>
        <translation>供应关系</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>关联</translation>
    </message>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Accept all ≥</source>
        <translation>全部接受 ≥</translation>
    </message>
    <message>
        <source>Accept every company, edge, link, theme and member with at least this confidence</source>
        <translation>接受置信度不低于此值的所有公司、供应关系、关联、主题和成分股</translation>
    </message>
    <message>
        <source>Add to watchlist</source>
        <translation>添加到自选股</translation>
    </message>
    <message>
        <source>Add the accepted listed companies to an existing watchlist or a new one (type a name)</source>
        <translation>将接受的上市公司添加到已有或新的自选股列表（输入名称）</translation>
    </message>
    <message>
        <source>an existing list or a new name</source>
        <translation>已有列表或新名称</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>“{text}”: no listing or known entity by that code or name.</source>
        <translation>“{text}”：没有该代码或名称的上市公司或已知主体。</translation>
    </message>
    <message>
        <source>{old} now resolves to {ref} {name}.</source>
        <translation>{old} 现对应 {ref} {name}。</translation>
    </message>
    <message>
        <source>Theme {title}: {reason}</source>
        <translation>主题 {title}：{reason}</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>name+code</source>
        <translation>名称+代码</translation>
    </message>
    <message>
        <source>{name}: mention {i} of {n} (“{surface}”, {kind}, {conf}: {reason}) — F3 / Shift+F3 next / previous</source>
        <translation>{name}：第 {i} / {n} 处提及（“{surface}”，{kind}，{conf}：{reason}）— F3 / Shift+F3 下一处 / 上一处</translation>
    </message>
    <message>
        <source>Accepted {n} more item(s) with confidence ≥ {x}.</source>
        <translation>又接受了 {n} 项置信度 ≥ {x} 的内容。</translation>
    </message>
    <message>
        <source>{a}/{b} companies</source>
        <translation>公司 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} edges</source>
        <translation>供应关系 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} links</source>
        <translation>关联 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} themes</source>
        <translation>主题 {a}/{b}</translation>
    </message>
    <message>
        <source>{a}/{b} members</source>
        <translation>成员 {a}/{b}</translation>
    </message>
    <message>
        <source>{counts} accepted</source>
        <translation>已接受：{counts}</translation>
    </message>
    <message>
        <source>Added report “{title}” (Ctrl+Z to undo): {what}</source>
        <translation>已添加研报“{title}”（Ctrl+Z 撤销）：{what}</translation>
    </message>
    <message>
        <source>Add it as a second report anyway?</source>
        <translation>仍要作为第二份研报添加吗？</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Names or codes that matched nothing known:</source>
        <translation>未匹配到已知对象的名称或代码：</translation>
    </message>
    <message>
        <source>“{surface}” at {start}: {reason}</source>
        <translation>位置 {start} 的“{surface}”：{reason}</translation>
    </message>
    <message>
        <source>Removed by extraction (headers, footers, disclaimers):</source>
        <translation>提取时删除的内容（页眉、页脚、免责声明）：</translation>
    </message>
    <message>
        <source>Type the name of a watchlist (or untick “Add … to watchlist”).</source>
        <translation>请输入自选股列表名称（或取消勾选“添加到自选股”）。</translation>
    </message>
    <message>
        <source>Nothing was applied. Fix these, then Apply again:</source>
        <translation>未应用任何内容。请修正以下问题后再次应用：</translation>
    </message>
    <message>
        <source>Add report {title}</source>
        <translation>添加研报 {title}</translation>
    </message>
    <message>
        <source>{n} companies</source>
        <translation>{n} 家公司</translation>
    </message>
    <message>
        <source>{n} unlisted parties</source>
        <translation>{n} 个未上市主体</translation>
    </message>
    <message>
        <source>{n} supplier edges</source>
        <translation>{n} 条供应关系</translation>
    </message>
    <message>
        <source>{n} links</source>
        <translation>{n} 条关联</translation>
    </message>
    <message>
        <source>{n} theme memberships</source>
        <translation>{n} 个主题成员</translation>
    </message>
    <message>
        <source>{n} new themes</source>
        <translation>{n} 个新主题</translation>
    </message>
    <message>
        <source>{n} new companies</source>
        <translation>{n} 家新公司</translation>
    </message>
    <message>
        <source>{n} added to {list}</source>
        <translation>{n} 家加入 {list}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>the report alone</source>
        <translation>仅研报本身</translation>
    </message>
    <message>
        <source>0–100, empty = not stated</source>
        <translation>0–100，空 = 未说明</translation>
    </message>
    <message>
        <source>code, name or pinyin</source>
        <translation>代码、名称或拼音</translation>
    </message>
</context>
<context>
    <name>Screening</name>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter the table</source>
        <translation>筛选表格</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save screen…</source>
        <translation>保存选股条件(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the filters under a name</source>
        <translation>以名称保存当前筛选条件</translation>
    </message>
    <message>
        <source>Saved scr&amp;eens</source>
        <translation>已保存的选股条件(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete saved screen…</source>
        <translation>删除已保存的选股条件(&amp;D)…</translation>
    </message>
    <message>
        <source>{shown} of {total}</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message>
        <source>Save screen</source>
        <translation>保存选股条件</translation>
    </message>
    <message>
        <source>Name for these filters:</source>
        <translation>筛选条件名称：</translation>
    </message>
    <message>
        <source>Saved screen “{name}”</source>
        <translation>已保存选股条件“{name}”</translation>
    </message>
    <message>
        <source>No saved screens.</source>
        <translation>没有已保存的选股条件。</translation>
    </message>
    <message>
        <source>Delete saved screen</source>
        <translation>删除已保存的选股条件</translation>
    </message>
    <message>
        <source>Screen:</source>
        <translation>选股条件：</translation>
    </message>
    <message>
        <source>(none saved yet)</source>
        <translation>（尚未保存）</translation>
    </message>
    <message>
        <source>text “{text}”</source>
        <translation>文本“{text}”</translation>
    </message>
    <message>
        <source>market {markets}</source>
        <translation>市场 {markets}</translation>
    </message>
    <message>
        <source>theme {theme}</source>
        <translation>主题 {theme}</translation>
    </message>
    <message>
        <source>customer {customer}</source>
        <translation>客户 {customer}</translation>
    </message>
    <message>
        <source>segment {segment}</source>
        <translation>环节 {segment}</translation>
    </message>
    <message>
        <source>status {status}</source>
        <translation>状态 {status}</translation>
    </message>
    <message>
        <source>share ≥ {share}%</source>
        <translation>份额 ≥ {share}%</translation>
    </message>
    <message>
        <source>tags {tags}</source>
        <translation>标签 {tags}</translation>
    </message>
    <message>
        <source>rating ≥ {rating}</source>
        <translation>评级 ≥ {rating}</translation>
    </message>
</context>
<context>
    <name>StoreErrors</name>
    <message>
        <source>rating {value} is not a number from 1 to 5</source>
        <translation>{value} 不是 1 到 5 之间的数字</translation>
    </message>
    <message>
        <source>rating {value} must be a whole number from 1 to 5</source>
        <translation>{value} 必须是 1 到 5 之间的整数</translation>
    </message>
    <message>
        <source>target price {value} is not a number</source>
        <translation>{value} 不是数字</translation>
    </message>
    <message>
        <source>target price {value} must be a positive number</source>
        <translation>{value} 必须是正数</translation>
    </message>
</context>
<context>
    <name>TeamSync</name>
    <message>
        <source>Updated with other users&apos; changes</source>
        <translation>已同步其他用户的更改</translation>
    </message>
    <message>
        <source>Open &amp;team database…</source>
        <translation>打开团队数据库(&amp;T)…</translation>
    </message>
    <message>
        <source>Open a shared PostgreSQL database (postgresql://user@host:port/dbname)</source>
        <translation>打开共享的 PostgreSQL 数据库（postgresql://user@host:port/dbname）</translation>
    </message>
    <message>
        <source>Use personal st&amp;ore</source>
        <translation>使用个人数据库(&amp;O)</translation>
    </message>
    <message>
        <source>Go back to the store file in your data folder</source>
        <translation>返回数据文件夹中的个人数据库文件</translation>
    </message>
    <message>
        <source>leave the password out of the URL: put it in ~/.pgpass (a line host:port:dbname:user:password, mode 0600) or a service file; Chainwatch never stores passwords</source>
        <translation>请勿在 URL 中包含密码：请写入 ~/.pgpass（一行 host:port:dbname:user:password，权限 0600）或服务文件；Chainwatch 从不保存密码</translation>
    </message>
    <message>
        <source>Open team database</source>
        <translation>打开团队数据库</translation>
    </message>
    <message>
        <source>PostgreSQL URL (password from ~/.pgpass):</source>
        <translation>PostgreSQL URL（密码取自 ~/.pgpass）：</translation>
    </message>
    <message>
        <source>Opening {store}…</source>
        <translation>正在打开 {store}…</translation>
    </message>
    <message>
        <source>the personal store</source>
        <translation>个人数据库</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Theirs ({by}): {theirs}
Yours: {mine}</source>
        <translation>对方（{by}）：{theirs}
您的：{mine}</translation>
    </message>
    <message>
        <source>Use mine</source>
        <translation>使用我的</translation>
    </message>
    <message>
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
</context>
<context>
    <name>ThemesPanel</name>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成分股</translation>
    </message>
    <message>
        <source>Select a theme to filter the table to its members.</source>
        <translation>选择一个主题，将表格筛选为其成分股。</translation>
    </message>
</context>
<context>
    <name>Toolbar</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>New list</source>
        <translation>新建列表</translation>
    </message>
    <message>
        <source>Save screen</source>
        <translation>保存选股条件</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>UniverseUpdate</name>
    <message>
        <source>Update &amp;company lists (A-share, Hong Kong)…</source>
        <translation>更新公司列表（A股、港股）(&amp;C)…</translation>
    </message>
    <message>
        <source>Download the current A-share and Hong Kong lists, so that search, Add and report ingestion know newly listed companies</source>
        <translation>下载最新的 A 股和港股列表，使搜索、添加和研报导入能识别新上市公司</translation>
    </message>
    <message>
        <source>Updating the A-share and Hong Kong company lists…</source>
        <translation>正在更新 A 股和港股公司列表…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Update company lists</source>
        <translation>更新公司列表</translation>
    </message>
    <message>
        <source>Cancelled before any list was downloaded.</source>
        <translation>已在下载任何列表前取消。</translation>
    </message>
    <message>
        <source>{n} listings are searchable now.</source>
        <translation>现在可搜索 {n} 只证券。</translation>
    </message>
    <message>
        <source>A-share list</source>
        <translation>A股名单</translation>
    </message>
    <message>
        <source>Hong Kong list</source>
        <translation>港股名单</translation>
    </message>
    <message>
        <source>{m}: {n} listings ({added} new, {gone} gone)</source>
        <translation>{m}：{n} 只证券（新增 {added}，移除 {gone}）</translation>
    </message>
    <message>
        <source>the {n} cached listings are kept</source>
        <translation>保留已缓存的 {n} 只证券</translation>
    </message>
    <message>
        <source>the bundled list stays in use</source>
        <translation>继续使用内置名单</translation>
    </message>
    <message>
        <source>{m}: cancelled — {keep}</source>
        <translation>{m}：已取消——{keep}</translation>
    </message>
    <message>
        <source>no connection (offline, or the site is blocked)</source>
        <translation>无法连接（离线，或网站被屏蔽）</translation>
    </message>
    <message>
        <source>the source gave no usable list</source>
        <translation>数据源没有给出可用的名单</translation>
    </message>
    <message>
        <source>{m}: not updated — {why}; {keep}</source>
        <translation>{m}：未更新——{why}；{keep}</translation>
    </message>
    <message>
        <source>The update failed: {e}</source>
        <translation>更新失败：{e}</translation>
    </message>
</context>
<context>
    <name>Watchlists</name>
    <message>
        <source>Watchlists</source>
        <translation>自选股列表</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>Add by code, name or pinyin initials</source>
        <translation>按代码、名称或拼音首字母添加</translation>
    </message>
    <message>
        <source>Remove the selected rows from this list</source>
        <translation>从本列表删除所选行</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>删除(&amp;M)</translation>
    </message>
    <message>
        <source>Move u&amp;p</source>
        <translation>上移(&amp;P)</translation>
    </message>
    <message>
        <source>Move the selected rows up</source>
        <translation>上移所选行</translation>
    </message>
    <message>
        <source>Move d&amp;own</source>
        <translation>下移(&amp;O)</translation>
    </message>
    <message>
        <source>Move the selected rows down</source>
        <translation>下移所选行</translation>
    </message>
    <message>
        <source>&amp;Copy codes</source>
        <translation>复制代码(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected codes</source>
        <translation>复制所选代码</translation>
    </message>
    <message>
        <source>&amp;New watchlist…</source>
        <translation>新建自选股列表(&amp;N)…</translation>
    </message>
    <message>
        <source>Create a watchlist</source>
        <translation>新建一个自选股列表</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>Rename this watchlist</source>
        <translation>重命名本自选股列表</translation>
    </message>
    <message>
        <source>&amp;Delete watchlist</source>
        <translation>删除自选股列表(&amp;D)</translation>
    </message>
    <message>
        <source>Delete this watchlist</source>
        <translation>删除本自选股列表</translation>
    </message>
    <message>
        <source>&amp;Copy selection to</source>
        <translation>复制所选到(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Move selection to</source>
        <translation>移动所选到(&amp;M)</translation>
    </message>
    <message>
        <source>Ne&amp;xt list</source>
        <translation>下一个列表(&amp;X)</translation>
    </message>
    <message>
        <source>Pre&amp;vious list</source>
        <translation>上一个列表(&amp;V)</translation>
    </message>
    <message>
        <source>All companies in the reports ({n})</source>
        <translation>研报提及的全部公司（{n}）</translation>
    </message>
    <message>
        <source>A-share universe + reports ({n})</source>
        <translation>全部 A 股 + 研报公司（{n}）</translation>
    </message>
    <message>
        <source>&amp;Add to list</source>
        <translation>添加到列表(&amp;A)</translation>
    </message>
    <message>
        <source>New watchlist…</source>
        <translation>新建自选股列表…</translation>
    </message>
    <message>
        <source>Copied {n} code(s)</source>
        <translation>已复制 {n} 个代码</translation>
    </message>
    <message>
        <source>Create a watchlist first (Watchlist &gt; New).</source>
        <translation>请先新建自选股列表（自选股 &gt; 新建）。</translation>
    </message>
    <message>
        <source>Already in {list}: {codes}</source>
        <translation>已在“{list}”中：{codes}</translation>
    </message>
    <message>
        <source>Removed {n} from {list} (Ctrl+Z to undo)</source>
        <translation>已从“{list}”删除 {n} 项（Ctrl+Z 撤销）</translation>
    </message>
    <message>
        <source>Clear the sort (click the header with Ctrl) to reorder by dragging.</source>
        <translation>请先取消排序（按住 Ctrl 点击表头），再拖动调整顺序。</translation>
    </message>
    <message>
        <source>Added {n} to {list}</source>
        <translation>已添加 {n} 项到“{list}”</translation>
    </message>
    <message>
        <source>New watchlist</source>
        <translation>新建自选股列表</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Rename watchlist</source>
        <translation>重命名自选股列表</translation>
    </message>
    <message>
        <source>Delete watchlist</source>
        <translation>删除自选股列表</translation>
    </message>
    <message>
        <source>Delete “{list}” and its {n} items? (Ctrl+Z undoes it)</source>
        <translation>删除“{list}”及其 {n} 项？（可按 Ctrl+Z 撤销）</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <source>{task} failed:</source>
        <translation>{task}失败：</translation>
    </message>
</context>
</TS>
